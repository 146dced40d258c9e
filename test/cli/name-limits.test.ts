import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTERNAL_ID } from '../../lib/aws/external-id';
import { AWS_LIMITS } from '../../lib/aws/permission-policies';
import { GCP_ROLE_SUFFIX_BYTES, NAME_LIMITS, RESOURCE_PREFIX } from '../../lib/core/names';
import { GCP_LONGEST_VALUES } from '../../lib/catalog/permission-set-schema';
import { MAX_SERVICE_ACCOUNT_EMAIL, MAX_VERSION_LENGTH } from '../../lib/input/trust-spec-schema';
import { notWarnings, run } from '../support/run-cli';

const LONGEST_SET_ID = `${'f'.repeat(12)}/${'l-'.repeat(9)}l`;

/** Every field of a spec at the longest its rule allows; `over` makes one field a character longer. */
function longestSpec(over?: 'name' | 'version' | 'roleName' | 'serviceAccount' | 'subject'): string {
  const extra = (field: string) => (over === field ? 1 : 0);
  const name = `n${'a'.repeat(28 + extra('name'))}z`;
  const version = `1.0.0-${'r'.repeat(MAX_VERSION_LENGTH - 6 + extra('version'))}`;
  const path = `${`${'p'.repeat(63)}/`.repeat(7)}${'p'.repeat(62)}/`; // with the slash before it, IAM's 512
  const roleArn = `arn:aws:iam::123456789012:role/${path}${'r'.repeat(64 + extra('roleName'))}`;
  const fixed = `${'s'.repeat(30)}@my-project.example..com.iam.gserviceaccount.com`; // a domain-scoped project's account
  const serviceAccount = fixed.replace('..', `.${'d'.repeat(MAX_SERVICE_ACCOUNT_EMAIL - fixed.length + extra('serviceAccount'))}.`);
  return `name: ${name}
version: ${version}
description: ${'d'.repeat(1024)}
managingIdentity:
  aws: { roleArn: "${roleArn}" }
  gcp: { serviceAccount: "${serviceAccount}" }
  azure:
    issuer: https://${'i'.repeat(580)}.example
    subject: "${'s'.repeat(600 + extra('subject'))}"
    audience: "${'a'.repeat(600)}"
permissions: [storage/data-read, ${LONGEST_SET_ID}]
customPermissionSets:
  - id: ${LONGEST_SET_ID}
    description: ${'x'.repeat(255)}.
    contentRead: true
    aws:
      - actions: [s3:GetObject]
        resources: ["arn:\${partition}:s3:::\${prefix}-reports/*"]
        conditions: { StringEquals: { s3:ResourceAccount: "\${account}" } }
    gcp:
      permissions: [storage.objects.get]
      condition:
        title: ${'t'.repeat(100 - 9 - GCP_LONGEST_VALUES.prefix)}\${prefix}
        description: ${'d'.repeat(256 - 10 - GCP_LONGEST_VALUES.project)}\${project}
        expression: resource.name.startsWith("projects/_/buckets/\${prefix}-")
    azure:
      dataActions: [Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read]
`;
}

const longestPrefix = 'p'.repeat(RESOURCE_PREFIX.maxLength);
const longestGroup = 'g'.repeat(NAME_LIMITS.azureResourceGroup);

/** A Terraform or CloudFormation string with the customer's inputs at their longest. */
function atLongest(value: string): string {
  return value
    .replace(/\$\{var\.resource_prefix\}|\$\{ResourcePrefix\}/g, longestPrefix)
    .replace(/\$\{replace\(var\.resource_prefix, "-", "_"\)\}/g, longestPrefix)
    .replace(/\$\{random_id\.role_suffix\.hex\}/g, 'f'.repeat(2 * GCP_ROLE_SUFFIX_BYTES))
    .replace(/\$\{data\.azurerm_resource_group\.deployment\.name\}/g, longestGroup);
}

async function synth(spec: string) {
  const dir = mkdtempSync(join(tmpdir(), 'alien-trust-limits-'));
  writeFileSync(join(dir, 'spec.yaml'), spec);
  const result = await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'out'));
  const read = (file: string) => JSON.parse(readFileSync(join(dir, 'out', file), 'utf8'));
  return { result, read };
}

describe('a spec at every maximum', () => {
  let aws: any;
  let gcp: any;
  let azure: any;
  beforeAll(async () => {
    const { result, read } = await synth(longestSpec());
    expect(result.code).toBe(0);
    expect(notWarnings(result.err)).toEqual([]);
    [aws, gcp, azure] = [read('aws/template.json'), read('gcp/module/main.tf.json'), read('azure/module/main.tf.json')];
  });

  test('AWS: the trust policy fits 2,048 characters with the longest role ARN and external id', () => {
    const trust = JSON.stringify(aws.Resources.TrustRole.Properties.AssumeRolePolicyDocument).replace(
      '{"Ref":"ExternalId"}',
      JSON.stringify('x'.repeat(EXTERNAL_ID.maxLength)),
    );
    expect(trust).toContain('x'.repeat(EXTERNAL_ID.maxLength));
    expect(trust.length).toBeLessThanOrEqual(AWS_LIMITS.trustPolicyCharacters);
  });

  test('AWS: role name 64, policy names 128, role description 1,000, stack description 1,024', () => {
    const role = aws.Resources.TrustRole.Properties;
    expect(atLongest(role.RoleName['Fn::Sub']).length).toBeLessThanOrEqual(NAME_LIMITS.awsRoleName);
    expect(role.Description.length).toBeLessThanOrEqual(1000);
    expect(Buffer.byteLength(aws.Description)).toBeLessThanOrEqual(1024);
    const policies = Object.values<any>(aws.Resources).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
    for (const p of policies)
      expect(atLongest(p.Properties.ManagedPolicyName['Fn::Sub']).length).toBeLessThanOrEqual(NAME_LIMITS.awsPolicyName);
  });

  test('GCP: service account id 6–30, display name 100, description 256; role id 64, title 100, description 256', () => {
    const account = gcp.resource.google_service_account.alien;
    const id = atLongest(account.account_id);
    expect(id.length).toBeLessThanOrEqual(NAME_LIMITS.gcpServiceAccountId.max);
    expect(id).toMatch(NAME_LIMITS.gcpServiceAccountId.pattern);
    expect(account.display_name.length).toBeLessThanOrEqual(100);
    expect(account.description.length).toBeLessThanOrEqual(256);
    for (const role of Object.values<any>(gcp.resource.google_project_iam_custom_role)) {
      expect(atLongest(role.role_id)).toMatch(NAME_LIMITS.gcpRoleId.pattern);
      expect(atLongest(role.title).length).toBeLessThanOrEqual(NAME_LIMITS.gcpRoleTitle);
      expect(role.description.length).toBeLessThanOrEqual(NAME_LIMITS.gcpRoleDescription);
    }
    const conditions = Object.values<any>(gcp.resource.google_project_iam_member).flatMap((m) => m.condition ?? []);
    for (const c of conditions) {
      expect(atLongest(c.title).replace('${var.project_id}', 'x'.repeat(30)).length).toBeLessThanOrEqual(100);
      expect(atLongest(c.description ?? '').replace('${var.project_id}', 'x'.repeat(30)).length).toBeLessThanOrEqual(256);
    }
  });

  test('Azure: identity name within its rule; federated credential fields within 600', () => {
    const name = atLongest(azure.resource.azurerm_user_assigned_identity.alien.name);
    expect(name.length).toBeLessThanOrEqual(NAME_LIMITS.azureIdentityName.max);
    expect(name).toMatch(NAME_LIMITS.azureIdentityName.pattern);
    const credential = azure.resource.azurerm_federated_identity_credential.vendor;
    for (const value of [credential.issuer, credential.subject, ...credential.audience]) expect(value.length).toBeLessThanOrEqual(600);
  });
});

describe('one character past a maximum', () => {
  test.each([
    ['name', 'name:'],
    ['version', 'version:'],
    ['roleName', 'managingIdentity.aws.roleArn:'],
    ['serviceAccount', 'managingIdentity.gcp.serviceAccount:'],
    ['subject', 'managingIdentity.azure.subject:'],
  ] as const)('%s is refused with exit 2, naming the field', async (field, named) => {
    const { result } = await synth(longestSpec(field));
    expect(result.code).toBe(2);
    expect(result.err).toContain(named);
  });

  test('the prefix rule is the same in CloudFormation, Terraform and the CLI', async () => {
    const { read } = await synth(longestSpec());
    expect(read('aws/template.json').Parameters.ResourcePrefix).toMatchObject({
      AllowedPattern: RESOURCE_PREFIX.pattern,
      MaxLength: RESOURCE_PREFIX.maxLength,
    });
    for (const file of ['gcp/module/main.tf.json', 'azure/module/main.tf.json']) {
      expect(read(file).variable.resource_prefix.validation[0].condition).toContain(JSON.stringify(RESOURCE_PREFIX.pattern).slice(1, -1));
    }
    expect(GCP_LONGEST_VALUES.prefix).toBe(RESOURCE_PREFIX.maxLength);
    const link = (prefix: string) =>
      run(
        'link',
        '--template-url',
        'https://b.s3.amazonaws.com/acme-app/v1.0.0/aws/template.json',
        '--region',
        'eu-west-1',
        '--external-id',
        'abc',
        '--prefix',
        prefix,
      );
    expect((await link(longestPrefix)).code).toBe(0);
    expect((await link(`${longestPrefix}p`)).code).toBe(2);
  });
});
