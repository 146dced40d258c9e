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
const OIDC = VALID_SPEC.replace(
  /managingIdentity:\n(?: {2}.*\n)+/,
  'managingIdentity:\n  oidc: { issuer: "https://oidc.vendor.example", audience: vendor-trust, subjectPrefix: "customer:" }\n',
);

function setUp(spec: string) {
  const dir = mkdtempSync(join(tmpdir(), 'alien-trust-handoff-'));
  writeFileSync(join(dir, 'spec.yaml'), spec);
  const out = join(dir, 'acme');
  const handoff = (...extra: string[]) =>
    run(
      'handoff',
      '--spec',
      join(dir, 'spec.yaml'),
      '--customer-id',
      'acme-corp',
      '--prefix',
      'acme',
      '--out',
      out,
      '--template-url',
      TEMPLATE,
      '--region',
      'eu-west-1',
      ...extra,
    );
  const read = (file: string) => readFileSync(join(out, file), 'utf8');
  return { out, handoff, read };
}

describe('alien-trust handoff', () => {
  test("role form: generates an external id, puts it in the link, and writes each cloud's per-customer tfvars", async () => {
    const { handoff, read } = setUp(PER_CUSTOMER);
    const result = await handoff('--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com');
    expect(result.code).toBe(0);
    const record = JSON.parse(read('handoff.json'));
    expect(record.aws.externalId).toMatch(/^[0-9a-f]{32}$/);
    expect(record.aws.externalIdGenerated).toBe(true);
    expect(result.out).toContain(`External id for acme-corp: ${record.aws.externalId} (generated`);
    expect(read('aws-quick-create-url.txt').trim()).toBe(record.aws.quickCreateUrl);
    expect(record.aws.quickCreateUrl).toContain(`&param_ExternalId=${record.aws.externalId}&param_ResourcePrefix=acme`);
    expect(JSON.parse(read('gcp/terraform.tfvars.json'))).toEqual({
      resource_prefix: 'acme',
      vendor_service_account: 'acme-corp@vendor-customers.iam.gserviceaccount.com',
    });
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
    [
      ['--vendor-service-account', 'acme@attacker.iam.gserviceaccount.com'],
      /^alien-trust: --vendor-service-account: the vendor's service account for acme-corp, in the vendor's project vendor-customers/,
    ],
    [
      ['--region', 'us-gov-west-1', '--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com'],
      /^alien-trust: --region: us-gov-west-1 is outside the aws partition/,
    ],
    [
      ['--external-id', 'has space', '--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com'],
      /^alien-trust: --external-id: 2–1224/,
    ],
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
    [
      '  oidc: { issuer: "http://oidc.vendor.example", audience: a, subjectPrefix: "c:" }\n',
      /managingIdentity\.oidc\.issuer: an https:\/\/ URL/,
    ],
    ['  oidc: { issuer: "https://oidc.vendor.example", audience: "", subjectPrefix: "c:" }\n', /managingIdentity\.oidc\.audience: /],
    [
      '  oidc: { issuer: "https://oidc.vendor.example", audience: a, subjectPrefix: "" }\n',
      /managingIdentity\.oidc\.subjectPrefix: a subject prefix/,
    ],
    [
      '  oidc: { issuer: "https://oidc.vendor.example", audience: a, subjectPrefix: "customer" }\n',
      /managingIdentity\.oidc\.subjectPrefix: a subject prefix: .*ending with one of/,
    ],
    [
      '  oidc: { issuer: "https://oidc.vendor.example", audience: a, subjectPrefix: "customer*:" }\n',
      /managingIdentity\.oidc\.subjectPrefix: a subject prefix/,
    ],
    [
      '  azure: { issuer: "https://oidc.vendor.example", subject: s, subjectPrefix: "c:" }\n  aws: { roleArn: "arn:aws:iam::210987654321:role/x" }\n  gcp: { serviceAccountProject: vendor-customers }\n',
      /managingIdentity\.azure: give subjectPrefix .* or subject .*, not both or neither/,
    ],
    [
      '  gcp: { serviceAccountProject: "Vendor Project" }\n  aws: { roleArn: "arn:aws:iam::210987654321:role/x" }\n  azure: { issuer: "https://i.example", subjectPrefix: "c:" }\n',
      /managingIdentity\.gcp\.serviceAccountProject: a project id: .*: the vendor's project that holds one service account per customer/,
    ],
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
    const { handoff, out, read } = setUp(PER_CUSTOMER);
    const { mkdirSync } = require('node:fs');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.md'), 'mine\n');
    const refused = await handoff('--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com');
    expect(refused).toMatchObject({ code: 2, err: expect.stringContaining('holds files this tool did not write') });
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('mine\n');
    require('node:fs').rmSync(join(out, 'notes.md'));
    expect((await handoff('--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com')).code).toBe(0);
    const id = JSON.parse(read('handoff.json')).aws.externalId;
    expect(
      (await handoff('--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com', '--external-id', id)).code,
    ).toBe(0);
  });
});

describe('handoff never replaces a record', () => {
  const VSA = ['--vendor-service-account', 'acme-corp@vendor-customers.iam.gserviceaccount.com'];
  /** Every file under a folder with its content, to prove a refusal wrote nothing. */
  const snapshot = (dir: string) => {
    const { readdirSync } = require('node:fs');
    return Object.fromEntries(
      (readdirSync(dir, { recursive: true, withFileTypes: true }) as any[])
        .filter((e) => e.isFile())
        .map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), 'utf8')]),
    );
  };

  test('the same customer again, with neither --external-id nor --rotate, is refused in one line naming both, and nothing is written', async () => {
    const { handoff, out, read } = setUp(PER_CUSTOMER);
    expect((await handoff(...VSA)).code).toBe(0);
    const id = JSON.parse(read('handoff.json')).aws.externalId;
    const before = snapshot(out);
    const result = await handoff(...VSA);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(
      new RegExp(
        `already holds the handoff of customer acme-corp with external id ${id}; add --external-id ${id} to write it again, or --rotate to issue a new external id`,
      ),
    );
    expect(snapshot(out)).toEqual(before);
  });

  test('the stored --external-id again writes nothing new: the same files, byte for byte', async () => {
    const { handoff, out, read } = setUp(PER_CUSTOMER);
    expect((await handoff(...VSA)).code).toBe(0);
    const id = JSON.parse(read('handoff.json')).aws.externalId;
    const before = snapshot(out);
    const again = await handoff(...VSA, '--external-id', id);
    expect(again).toMatchObject({ code: 0, err: '' });
    expect(again.out).toContain('unchanged');
    expect(snapshot(out)).toEqual(before);
    expect(JSON.parse(read('handoff.json')).aws.externalIdGenerated).toBe(true);
  });

  test('another --external-id than the stored one is refused unless --rotate is given', async () => {
    const { handoff, out, read } = setUp(PER_CUSTOMER);
    expect((await handoff(...VSA)).code).toBe(0);
    const id = JSON.parse(read('handoff.json')).aws.externalId;
    const before = snapshot(out);
    const result = await handoff(...VSA, '--external-id', 'another-id');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      new RegExp(
        `^alien-trust: --external-id another-id: customer acme-corp's record in .* holds ${id}; give --external-id ${id}, or add --rotate`,
      ),
    );
    expect(snapshot(out)).toEqual(before);
  });

  test('--rotate generates a new external id, keeps the old one with the date in the history, and says so', async () => {
    const { handoff, read } = setUp(PER_CUSTOMER);
    expect((await handoff(...VSA)).code).toBe(0);
    const first = JSON.parse(read('handoff.json'));
    const result = await handoff(...VSA, '--rotate');
    expect(result.code).toBe(0);
    const record = JSON.parse(read('handoff.json'));
    const today = new Date().toISOString().slice(0, 10);
    expect(record.aws.externalId).toMatch(/^[0-9a-f]{32}$/);
    expect(record.aws.externalId).not.toBe(first.aws.externalId);
    expect(record.history).toEqual([{ ...first, replaced: today }]);
    expect(read('aws-quick-create-url.txt')).toContain(`param_ExternalId=${record.aws.externalId}&`);
    expect(result.out).toContain(
      `External id for acme-corp: ${record.aws.externalId} (generated), replacing ${first.aws.externalId}, which is kept in handoff.json's history as replaced on ${today}`,
    );

    // A second rotation keeps both earlier records, newest first.
    expect((await handoff(...VSA, '--rotate', '--external-id', 'chosen-by-vendor')).code).toBe(0);
    const third = JSON.parse(read('handoff.json'));
    expect(third.aws).toMatchObject({ externalId: 'chosen-by-vendor', externalIdGenerated: false });
    expect(third.history.map((h: any) => h.aws.externalId)).toEqual([record.aws.externalId, first.aws.externalId]);
  });

  test('--rotate with nothing to rotate is refused: no record yet, the stored id again, or a form without an external id', async () => {
    const fresh = setUp(PER_CUSTOMER);
    expect(await fresh.handoff(...VSA, '--rotate')).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /^alien-trust: --rotate: .* holds no handoff to rotate \(no handoff\.json\); leave out --rotate for a first handoff/,
      ),
    });
    expect(existsSync(fresh.out)).toBe(false);

    expect((await fresh.handoff(...VSA)).code).toBe(0);
    const id = JSON.parse(fresh.read('handoff.json')).aws.externalId;
    expect(await fresh.handoff(...VSA, '--rotate', '--external-id', id)).toMatchObject({
      code: 2,
      err: expect.stringContaining('that is the external id customer acme-corp already has'),
    });

    const oidc = setUp(OIDC);
    expect((await oidc.handoff()).code).toBe(0);
    expect(await oidc.handoff('--rotate')).toMatchObject({
      code: 2,
      err: expect.stringContaining("--rotate: the spec's AWS trust is the OIDC form"),
    });
  });

  test("a changed input with the stored external id (a new release's template) keeps the previous record in the history", async () => {
    const { handoff, read } = setUp(PER_CUSTOMER);
    expect((await handoff(...VSA)).code).toBe(0);
    const first = JSON.parse(read('handoff.json'));
    const newer = TEMPLATE.replace('v1.2.3', 'v1.3.0');
    const result = await handoff(...VSA, '--external-id', first.aws.externalId, '--template-url', newer);
    expect(result.code).toBe(0);
    const record = JSON.parse(read('handoff.json'));
    expect(record.aws.externalId).toBe(first.aws.externalId);
    expect(record.aws.quickCreateUrl).toContain('v1.3.0');
    expect(record.history).toEqual([{ ...first, replaced: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    expect(result.out).toContain("The previous record of acme-corp is kept in handoff.json's history as replaced on ");
    expect(result.out).toContain('changed: aws.quickCreateUrl');
  });

  test('the OIDC form binds the customer id, so the same inputs again change nothing, and changed ones keep the previous record', async () => {
    const { handoff, out, read } = setUp(OIDC);
    expect((await handoff()).code).toBe(0);
    const first = JSON.parse(read('handoff.json'));
    const before = snapshot(out);
    expect(await handoff()).toMatchObject({
      code: 0,
      out: expect.stringContaining('the handoff of acme-corp is unchanged; nothing written'),
    });
    expect(snapshot(out)).toEqual(before);
    expect((await handoff('--region', 'us-east-1')).code).toBe(0);
    expect(JSON.parse(read('handoff.json')).history).toEqual([{ ...first, replaced: expect.any(String) }]);
  });

  test("another customer's folder is refused, and its record is kept", async () => {
    const { handoff, out } = setUp(PER_CUSTOMER);
    expect((await handoff(...VSA)).code).toBe(0);
    const before = snapshot(out);
    for (const extra of [[], ['--rotate'], ['--external-id', 'x1']]) {
      const result = await run(
        'handoff',
        '--spec',
        join(out, '..', 'spec.yaml'),
        '--customer-id',
        'globex',
        '--prefix',
        'globex',
        '--out',
        out,
        '--template-url',
        TEMPLATE,
        '--region',
        'eu-west-1',
        '--vendor-service-account',
        'globex@vendor-customers.iam.gserviceaccount.com',
        ...extra,
      );
      expect(result.code).toBe(2);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(
        /^alien-trust: --out .*acme holds the handoff of customer acme-corp; name a folder of globex's own, such as .*globex;/,
      );
    }
    expect(snapshot(out)).toEqual(before);
  });

  test("the same customer's folder for another product is refused: its external id would be lost", async () => {
    const { handoff, out } = setUp(PER_CUSTOMER);
    expect((await handoff(...VSA)).code).toBe(0);
    const before = snapshot(out);
    writeFileSync(join(out, '..', 'spec.yaml'), PER_CUSTOMER.replace('name: acme-app', 'name: acme-tool'));
    const result = await handoff(...VSA, '--rotate');
    expect(result).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--out .* holds acme-corp's handoff for acme-app; name a folder of its own for acme-tool/),
    });
    expect(snapshot(out)).toEqual(before);
  });

  test('a file in the folder that the record does not account for (edited or added) is refused, and kept', async () => {
    const { handoff, out, read } = setUp(PER_CUSTOMER);
    expect((await handoff(...VSA)).code).toBe(0);
    const id = JSON.parse(read('handoff.json')).aws.externalId;
    writeFileSync(join(out, 'gcp/terraform.tfvars.json'), '{ "resource_prefix": "acme", "project": "theirs" }\n');
    writeFileSync(join(out, 'notes.md'), 'called them on Monday\n');
    const before = snapshot(out);
    const result = await handoff(...VSA, '--external-id', id);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/gcp\/terraform\.tfvars\.json, notes\.md are not what handoff\.json records .*; move them out first/);
    expect(snapshot(out)).toEqual(before);
  });
});
