// A trust spec with many inline permission sets, for the large-spec test and the benchmark.
// Each set is small and real: one bucket family per set, scoped to the prefix, on every cloud.
'use strict';

const { stringify } = require('yaml');

/**
 * @param {number} count how many inline sets
 * @param {number} [bucketsPerSet] buckets each set names (more makes the AWS policies larger)
 */
function largeSpec(count, bucketsPerSet = 1) {
  const sets = Array.from({ length: count }, (_, i) => {
    const buckets = Array.from({ length: bucketsPerSet }, (_, b) => `\${prefix}-data${i}-${b}`);
    return {
      id: `data${i}/read`,
      description: `Read objects in the deployment's data bucket number ${i}.`,
      contentRead: true,
      aws: [
        {
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: buckets.map((name) => `arn:\${partition}:s3:::${name}/*`),
          conditions: { StringEquals: { 's3:ResourceAccount': '${account}' } },
        },
      ],
      gcp: {
        permissions: ['storage.objects.get', 'storage.objects.list'],
        condition: {
          title: `Bucket ${i} of \${prefix}`,
          expression: `resource.name.startsWith("projects/_/buckets/\${prefix}-data${i}-")`,
        },
      },
      azure: { dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'] },
    };
  });
  return stringify(
    {
      name: 'large-app',
      version: '1.0.0',
      managingIdentity: {
        aws: { roleArn: 'arn:aws:iam::210987654321:role/alien-control' },
        gcp: { serviceAccount: 'alien-control@alien-prod.iam.gserviceaccount.com' },
        azure: { issuer: 'https://oidc.alien.dev', subject: 'system:serviceaccount:alien:control' },
      },
      permissions: sets.map((s) => s.id),
      customPermissionSets: sets,
    },
    { lineWidth: 0 },
  );
}

module.exports = { largeSpec };
