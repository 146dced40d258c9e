import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VALID_SPEC } from '../support/fixtures';
import { run } from '../support/run-cli';

const TEMPLATE = 'https://alien-templates.s3.eu-west-1.amazonaws.com/acme-app/v1.2.3/aws/template.json';
const PER_CUSTOMER = VALID_SPEC.replace(
  /managingIdentity:\n(?: {2}.*\n)+/,
  `managingIdentity:
  aws: { roleArn: "arn:aws:iam::210987654321:role/alien-control" }
  gcp: { serviceAccountProject: vendor-customers }
  azure: { issuer: "https://oidc.vendor.example", subjectPrefix: "customer:" }
`,
);
const OIDC = VALID_SPEC.replace(/managingIdentity:\n(?: {2}.*\n)+/, 'managingIdentity:\n  oidc: { issuer: "https://oidc.vendor.example", audience: vendor-trust, subjectPrefix: "customer:" }\n');

function setUp(spec: string) {
  const dir = mkdtempSync(join(tmpdir(), 'alien-trust-handoff-'));
  writeFileSync(join(dir, 'spec.yaml'), spec);
  const out = join(dir, 'acme');
  const handoff = (...extra: string[]) =>
    run('handoff', '--spec', join(dir, 'spec.yaml'), '--customer-id', 'acme-corp', '--prefix', 'acme', '--out', out, '--template-url', TEMPLATE, '--region', 'eu-west-1', ...extra);
  const read = (file: string) => readFileSync(join(out, file), 'utf8');
  return { out, handoff, read };
}

describe('alien-trust handoff', () => {
  test('role form: generates an external id, puts it in the link, and writes each cloud\'s per-customer tfvars', async () => {
    const { handoff, read } = setUp(PER_CUSTOMER);
    const result = await handoff('--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com');
    expect(result.code).toBe(0);
    const record = JSON.parse(read('handoff.json'));
    expect(record.aws.externalId).toMatch(/^[0-9a-f]{32}$/);
    expect(record.aws.externalIdGenerated).toBe(true);
    expect(result.out).toContain(`External id for acme-corp: ${record.aws.externalId} (generated`);
    expect(read('aws-quick-create-url.txt').trim()).toBe(record.aws.quickCreateUrl);
    expect(record.aws.quickCreateUrl).toContain(`&param_ExternalId=${record.aws.externalId}&param_ResourcePrefix=acme`);
    expect(JSON.parse(read('gcp/terraform.tfvars.json'))).toEqual({ resource_prefix: 'acme', vendor_service_account: 'acme-corp@vendor-customers.iam.gserviceaccount.com' });
    expect(JSON.parse(read('azure/terraform.tfvars.json'))).toEqual({ resource_prefix: 'acme', customer_id: 'acme-corp' });
  });

  test('two customers never get the same generated external id', async () => {
    const ids = [];
    for (let i = 0; i < 2; i++) {
      const { handoff, read } = setUp(PER_CUSTOMER);
      await handoff('--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com');
      ids.push(JSON.parse(read('handoff.json')).aws.externalId);
    }
    expect(ids[0]).not.toBe(ids[1]);
  });

  test('OIDC form: the link carries the customer id and no external id; every tfvars carries the customer id', async () => {
    const { handoff, read } = setUp(OIDC);
    expect((await handoff()).code).toBe(0);
    const url = read('aws-quick-create-url.txt');
    expect(url).toContain('&param_CustomerId=acme-corp&');
    expect(url).not.toContain('ExternalId');
    expect(JSON.parse(read('gcp/terraform.tfvars.json'))).toEqual({ resource_prefix: 'acme', customer_id: 'acme-corp' });
    expect(JSON.parse(read('azure/terraform.tfvars.json'))).toEqual({ resource_prefix: 'acme', customer_id: 'acme-corp' });
  });

  test.each([
    [['--customer-id', 'Acme Corp'], /^alien-trust: --customer-id: 1–63 lower-case letters/],
    [['--prefix', 'acme-corp'], /^alien-trust: --prefix: .*no hyphens/],
    [['--vendor-service-account', 'acme@attacker.iam.gserviceaccount.com'], /^alien-trust: --vendor-service-account: the vendor's service account for acme-corp, in the vendor's project vendor-customers/],
    [['--region', 'us-gov-west-1', '--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com'], /^alien-trust: --region: us-gov-west-1 is outside the aws partition/],
    [['--external-id', 'has space', '--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com'], /^alien-trust: --external-id: 2–1224/],
  ])('refuses %p with exit 2, one line, nothing written', async (extra, message) => {
    const { handoff, out } = setUp(PER_CUSTOMER);
    const result = await handoff(...extra);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe('spec rules of the per-customer forms', () => {
  const check = async (identity: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-forms-'));
    writeFileSync(join(dir, 'spec.yaml'), VALID_SPEC.replace(/managingIdentity:\n(?: {2}.*\n)+/, `managingIdentity:\n${identity}`));
    return run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'out'));
  };

  test.each([
    ['  oidc: { issuer: "http://oidc.vendor.example", audience: a, subjectPrefix: "c:" }\n', /managingIdentity\.oidc\.issuer: an https:\/\/ URL/],
    ['  oidc: { issuer: "https://oidc.vendor.example", audience: "", subjectPrefix: "c:" }\n', /managingIdentity\.oidc\.audience: /],
    ['  oidc: { issuer: "https://oidc.vendor.example", audience: a, subjectPrefix: "" }\n', /managingIdentity\.oidc\.subjectPrefix: a subject prefix/],
    ['  oidc: { issuer: "https://oidc.vendor.example", audience: a, subjectPrefix: "customer" }\n', /managingIdentity\.oidc\.subjectPrefix: a subject prefix: .*ending with one of/],
    ['  oidc: { issuer: "https://oidc.vendor.example", audience: a, subjectPrefix: "customer*:" }\n', /managingIdentity\.oidc\.subjectPrefix: a subject prefix/],
    ['  azure: { issuer: "https://oidc.vendor.example", subject: s, subjectPrefix: "c:" }\n  aws: { roleArn: "arn:aws:iam::210987654321:role/x" }\n  gcp: { serviceAccountProject: vendor-customers }\n', /managingIdentity\.azure: give subjectPrefix .* or subject .*, not both or neither/],
    ['  gcp: { serviceAccountProject: "Vendor Project" }\n  aws: { roleArn: "arn:aws:iam::210987654321:role/x" }\n  azure: { issuer: "https://i.example", subjectPrefix: "c:" }\n', /managingIdentity\.gcp\.serviceAccountProject: a project id: .*: the vendor's project that holds one service account per customer/],
  ])('refuses %p naming the field, with exit 2', async (identity, message) => {
    const result = await check(identity);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  test('a cloud with neither its own identity nor the shared OIDC issuer is refused', async () => {
    const result = await check('  aws: { roleArn: "arn:aws:iam::210987654321:role/x" }\n');
    expect(result.err).toMatch(/managingIdentity\.gcp: required because clouds includes gcp \(or give managingIdentity\.oidc\)/);
  });
});

describe('handoff --out', () => {
  test('refuses a folder holding files it did not write, and keeps them; rewrites its own', async () => {
    const { handoff, out } = setUp(PER_CUSTOMER);
    const { mkdirSync } = require('node:fs');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.md'), 'mine\n');
    const refused = await handoff('--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com');
    expect(refused).toMatchObject({ code: 2, err: expect.stringContaining('holds files this tool did not write') });
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('mine\n');
    require('node:fs').rmSync(join(out, 'notes.md'));
    expect((await handoff('--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com')).code).toBe(0);
    expect((await handoff('--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com')).code).toBe(0);
  });
});
