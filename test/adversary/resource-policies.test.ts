import { builtInCatalog } from '../../lib/catalog/catalog';
import type { AwsStatementSpec, PermissionSetSpec } from '../../lib/catalog/permission-set-schema';
import { ACCOUNT, statementsFor } from '../../lib/rules/aws/requests';
import { allows, type AwsRequest } from '../../lib/rules/aws/iam-evaluator';

/**
 * Resource policies whose content IAM cannot constrain (issue 24, "The vendor writes resource
 * policies"), tried by an adversarial vendor holding every built-in set at once: a bucket policy
 * naming its account (after lifting the public-access block), bucket and object ACLs, SQS and
 * SNS policies, GCP bucket IAM policies, Azure storage accounts opened to public access. Each
 * door is refused on the deployment's own resources, where every other grant reaches, so no
 * policy written before revoking keeps the vendor in after it. The sets Alien assigns refuse the
 * calls in writing (test/catalog/alien-calls-covered.test.ts shows each refusal).
 */
const sets = builtInCatalog().sets;
const statements: AwsStatementSpec[] = sets.flatMap((set) => statementsFor(set, 'acme'));
const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:${ACCOUNT}:${resource}`;
const bucket = 'arn:aws:s3:::acme-data';
/** Requests on the deployment's own resources, with Alien's tag: the most any grant could admit. */
const call = (action: string, resource: string, context: Record<string, string> = {}): AwsRequest => ({
  action,
  resource,
  context: { 's3:ResourceAccount': ACCOUNT, 'aws:ResourceTag/deployment': 'acme', ...context },
});
const allowed = (requests: AwsRequest[]) => requests.filter((r) => allows(statements, r)).map((r) => `${r.action} on ${r.resource}`);

/** The built-in sets granting a GCP permission or an Azure operation. */
function grantedBy(cloud: 'gcp' | 'azure', permission: string): string[] {
  const grants = (s: PermissionSetSpec) =>
    cloud === 'gcp' ? (s.gcp?.permissions ?? []) : [...(s.azure?.actions ?? []), ...(s.azure?.dataActions ?? [])];
  return sets.filter((s) => grants(s).some((g) => g.toLowerCase() === permission.toLowerCase())).map((s) => s.id);
}

describe('with the whole catalog granted, the vendor', () => {
  test("still manages the deployment's buckets, queues and topics (the requests below are refused for their content, not for their names)", () => {
    expect(
      allowed([
        call('s3:CreateBucket', bucket),
        call('s3:PutBucketVersioning', bucket),
        call('s3:DeleteObject', `${bucket}/reports/1.csv`),
        call('sqs:SendMessage', arn('sqs', 'acme-jobs')),
        call('sns:Publish', arn('sns', 'acme-events')),
      ]),
    ).toHaveLength(5);
  });

  test('cannot open a bucket: no public-access block lifted, no bucket policy, no ACL, no access point', () => {
    expect(
      allowed([
        // Lift the block (PutPublicAccessBlock and DeletePublicAccessBlock both check this action) ...
        call('s3:PutBucketPublicAccessBlock', bucket),
        call('s3:PutAccountPublicAccessBlock', '*'),
        // ... then name the vendor's account, or everyone, in the bucket's policy, or drop the customer's deny statements.
        call('s3:PutBucketPolicy', bucket),
        call('s3:DeleteBucketPolicy', bucket),
        // ACLs: turned back on by the ownership controls, then written on the bucket or its objects.
        call('s3:PutBucketOwnershipControls', bucket),
        call('s3:PutBucketAcl', bucket),
        call('s3:PutObjectAcl', `${bucket}/reports/1.csv`),
        call('s3:PutObjectVersionAcl', `${bucket}/reports/1.csv`),
        // An access point with a policy of its own.
        call('s3:CreateAccessPoint', arn('s3', 'accesspoint/acme-door')),
        call('s3:PutAccessPointPolicy', arn('s3', 'accesspoint/acme-door')),
      ]),
    ).toEqual([]);
  });

  test("cannot write a queue's policy: not when creating the queue, not through its attributes, not by adding a permission", () => {
    const queue = arn('sqs', 'acme-jobs');
    expect(
      allowed([
        call('sqs:CreateQueue', queue, { 'aws:RequestTag/deployment': 'acme', 'aws:TagKeys': 'deployment' }),
        call('sqs:SetQueueAttributes', queue),
        call('sqs:AddPermission', queue),
      ]),
    ).toEqual([]);
  });

  test("cannot write a topic's policy, nor subscribe anything but the deployment's own queues to a topic", () => {
    const topic = arn('sns', 'acme-events');
    expect(
      allowed([
        call('sns:CreateTopic', topic, { 'aws:RequestTag/deployment': 'acme' }),
        call('sns:SetTopicAttributes', topic),
        call('sns:AddPermission', topic),
        // Deliveries to the vendor: its own queue, its HTTPS endpoint.
        call('sns:Subscribe', topic, { 'sns:Protocol': 'sqs', 'sns:Endpoint': 'arn:aws:sqs:eu-west-1:210987654321:vendor-inbox' }),
        call('sns:Subscribe', topic, { 'sns:Protocol': 'https', 'sns:Endpoint': 'https://vendor.example.com/hook' }),
      ]),
    ).toEqual([]);
    // The one subscription left: to the deployment's own queue.
    expect(allows(statements, call('sns:Subscribe', topic, { 'sns:Protocol': 'sqs', 'sns:Endpoint': arn('sqs', 'acme-jobs') }))).toBe(true);
  });

  test("cannot write a table's, a secret's, a parameter's or a key's resource policy, nor grant itself a key", () => {
    expect(
      allowed([
        call('dynamodb:PutResourcePolicy', arn('dynamodb', 'table/acme-cache')),
        call('secretsmanager:PutResourcePolicy', arn('secretsmanager', 'secret:acme-db-password-a1b2c3')),
        call('ssm:PutResourcePolicy', arn('ssm', 'parameter/acme-secrets-ALIEN_COMMANDS_TOKEN')),
        call('kms:PutKeyPolicy', arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab')),
        call('kms:CreateGrant', arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab')),
      ]),
    ).toEqual([]);
  });
});

describe("Alien's tag as the ownership marker, where a name cannot carry the prefix", () => {
  const key = arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab');
  const identity = arn('ses', 'identity/mail.example.com');

  test('reads a key and manages an email identity only while it carries the deployment tag', () => {
    const tagged = { 'aws:ResourceTag/deployment': 'acme' };
    expect(allows(statements, { action: 'kms:DescribeKey', resource: key, context: tagged })).toBe(true);
    expect(allows(statements, { action: 'ses:DeleteEmailIdentity', resource: identity, context: tagged })).toBe(true);
    const untagged: Record<string, string>[] = [{}, { 'aws:ResourceTag/deployment': 'acmeprod' }, { 'aws:ResourceTag/Name': 'acme-data' }];
    for (const context of untagged) {
      expect(allows(statements, { action: 'kms:DescribeKey', resource: key, context })).toBe(false);
      expect(allows(statements, { action: 'ses:DeleteEmailIdentity', resource: identity, context })).toBe(false);
    }
  });

  test('cannot put the tag on a key or an identity it does not own, and so claim it', () => {
    const claim = { 'aws:RequestTag/deployment': 'acme', 'aws:TagKeys': 'deployment' };
    for (const [action, resource] of [
      ['kms:TagResource', key],
      ['ses:TagResource', identity],
    ]) {
      expect([action, allows(statements, { action, resource, context: claim })]).toEqual([action, false]);
    }
  });
});

describe('GCP and Azure, where the door is a permission of the custom role', () => {
  test("no built-in set writes a bucket's, an object's, a secret's, a key's or the project's IAM policy (allUsers, another project's member)", () => {
    for (const permission of [
      'storage.buckets.setIamPolicy',
      'storage.objects.setIamPolicy',
      'storage.managedFolders.setIamPolicy',
      'secretmanager.secrets.setIamPolicy',
      'cloudkms.keyRings.setIamPolicy',
      'cloudkms.cryptoKeys.setIamPolicy',
      'resourcemanager.projects.setIamPolicy',
    ]) {
      expect([permission, grantedBy('gcp', permission)]).toEqual([permission, []]);
    }
  });

  test('Alien-assigned storage/provision refuses the bucket IAM policy in writing, and the bucket policy on AWS', () => {
    const refused = (id: string) =>
      builtInCatalog()
        .get(id)!
        .refuses?.flatMap((r) => r.permissions) ?? [];
    expect(refused('storage/provision')).toEqual(
      expect.arrayContaining([
        'storage.buckets.setIamPolicy',
        's3:PutBucketPolicy',
        's3:DeleteBucketPolicy',
        's3:PutBucketPublicAccessBlock',
      ]),
    );
  });

  test('a storage account is opened to public access only by a set marked as outliving revocation, which says how to close it', () => {
    // allowBlobPublicAccess (and a container's public access, which it gates) is written with the account.
    const holders = grantedBy('azure', 'Microsoft.Storage/storageAccounts/write');
    expect(holders).toEqual(['azure-storage-account/provision']);
    for (const id of holders)
      expect([id, builtInCatalog().get(id)!.outlivesRevocation?.azure]).toEqual([
        id,
        expect.stringMatching(/allow-blob-public-access false/),
      ]);
  });

  test('no built-in set hands out a storage or Service Bus key, which would keep working after revoking until rotated', () => {
    for (const operation of [
      'Microsoft.Storage/storageAccounts/listKeys/action',
      'Microsoft.Storage/storageAccounts/regenerateKey/action',
      'Microsoft.Storage/storageAccounts/listAccountSas/action',
      'Microsoft.Storage/storageAccounts/listServiceSas/action',
      'Microsoft.ServiceBus/namespaces/authorizationRules/write',
      'Microsoft.ServiceBus/namespaces/authorizationRules/listKeys/action',
      'Microsoft.ServiceBus/namespaces/queues/authorizationRules/write',
      'Microsoft.ServiceBus/namespaces/queues/authorizationRules/listKeys/action',
    ]) {
      expect([operation, grantedBy('azure', operation)]).toEqual([operation, []]);
    }
  });

  test("no built-in set writes a Key Vault's access policies on their own", () => {
    expect(grantedBy('azure', 'Microsoft.KeyVault/vaults/accessPolicies/write')).toEqual([]);
  });
});
