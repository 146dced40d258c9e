import { defineRule } from '../rule';

export const awsS3StaysInTheAccount = defineRule(
  {
    id: 'aws-s3-account',
    summary: 'Every statement on bucket or object ARNs carries `StringEquals: { s3:ResourceAccount: "${account}" }`.',
    why: "S3 bucket names are global: `${prefix}-*` also matches buckets of that name in other accounts, so without the account pin the vendor's session could read or write a bucket someone else created.",
  },
  (set) =>
    (set.aws ?? []).flatMap((statement, s) => {
      const onBuckets = statement.resources.some((r) => r.startsWith('arn:${partition}:s3:::') || r.startsWith('arn:aws:s3:::'));
      const pinned = statement.conditions?.StringEquals?.['s3:ResourceAccount'] === '${account}';
      return onBuckets && !pinned
        ? [
            {
              path: ['aws', s, 'conditions'],
              message:
                'S3 bucket names are global; add StringEquals: { s3:ResourceAccount: "${account}" } so the statement reaches only the customer\'s own buckets',
            },
          ]
        : [];
    }),
);
