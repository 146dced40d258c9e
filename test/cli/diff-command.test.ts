import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VALID_SPEC } from '../support/fixtures';
import { run } from '../support/run-cli';

/** Publishes a spec into a fresh release folder and returns it. */
async function release(spec: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'alien-trust-diff-'));
  writeFileSync(join(dir, 'spec.yaml'), spec);
  expect((await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'release'))).code).toBe(0);
  return join(dir, 'release');
}

let base: string;
let wider: string;
beforeAll(async () => {
  base = await release(VALID_SPEC);
  wider = await release(VALID_SPEC.replace('[logs/read]', '[logs/read, vault/data-read]').replace('alien-control@', 'other-control@'));
});

describe('alien-trust diff', () => {
  test('lists permissions added per cloud and trust changes, as JSON', async () => {
    const result = await run('diff', base, wider, '--json');
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.out);
    expect(diff.aws.added).toEqual([
      'secretsmanager:DescribeSecret on arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${ResourcePrefix}-*',
      'secretsmanager:GetSecretValue on arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${ResourcePrefix}-*',
      'ssm:GetParameter on arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${ResourcePrefix}-*',
      'ssm:GetParameters on arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${ResourcePrefix}-*',
    ]);
    expect(diff.aws.removed).toEqual([]);
    expect(diff.gcp.added).toContain(
      'secretmanager.versions.access if resource.name.extract("/secrets/{id}").startsWith("${var.resource_prefix}-")',
    );
    expect(diff.azure.added).toContain('dataAction Microsoft.KeyVault/vaults/secrets/getSecret/action');
    expect(diff.trust).toEqual([
      {
        field: 'gcp.vendor_token_creator',
        old: 'roles/iam.serviceAccountTokenCreator to serviceAccount:alien-control@alien-prod.iam.gserviceaccount.com',
        new: 'roles/iam.serviceAccountTokenCreator to serviceAccount:other-control@alien-prod.iam.gserviceaccount.com',
      },
    ]);
  });

  test('lists removals the other way round, and nothing for the same release', async () => {
    const diff = JSON.parse((await run('diff', wider, base, '--json')).out);
    expect(diff.aws.added).toEqual([]);
    expect(diff.aws.removed).toHaveLength(4);
    expect(JSON.parse((await run('diff', base, base, '--json')).out)).toEqual({
      aws: { added: [], removed: [] },
      gcp: { added: [], removed: [] },
      azure: { added: [], removed: [] },
      trust: [],
      replacements: [],
      files: [],
    });
  });

  test('--fail-on-expansion exits 1 only when something was added', async () => {
    expect((await run('diff', base, wider, '--fail-on-expansion')).code).toBe(1);
    expect(
      (await run('diff', wider, await release(VALID_SPEC.replace('[logs/read]', '[logs/read, vault/data-read]')), '--fail-on-expansion'))
        .code,
    ).toBe(1);
    expect((await run('diff', base, base, '--fail-on-expansion')).code).toBe(0);
  });

  test('a failed --fail-on-expansion says on stderr why, one line per reason; a passed one prints nothing there', async () => {
    const failed = await run('diff', base, wider, '--fail-on-expansion');
    expect(failed.code).toBe(1);
    expect(failed.err.split('\n')).toEqual([
      `--fail-on-expansion: aws: ${wider} grants 4 permissions the old release did not (first: secretsmanager:DescribeSecret on arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:\${ResourcePrefix}-*)`,
      expect.stringMatching(/^--fail-on-expansion: gcp: .* grants \d+ permissions the old release did not \(first: /),
      expect.stringMatching(/^--fail-on-expansion: azure: .* grants \d+ permissions? the old release did not \(first: /),
      '--fail-on-expansion: trust changed: gcp.vendor_token_creator: roles/iam.serviceAccountTokenCreator to serviceAccount:alien-control@alien-prod.iam.gserviceaccount.com -> roles/iam.serviceAccountTokenCreator to serviceAccount:other-control@alien-prod.iam.gserviceaccount.com',
    ]);
    // The same under --json: stdout stays the JSON, the reasons go to stderr.
    const json = await run('diff', base, wider, '--json', '--fail-on-expansion');
    expect(() => JSON.parse(json.out)).not.toThrow();
    expect(json.err.split('\n')).toHaveLength(4);
    expect(await run('diff', base, base, '--fail-on-expansion')).toMatchObject({ code: 0, err: '' });
  });

  test('a failed --fail-on-replacement names each resource that would be replaced, on stderr', async () => {
    const renamed = await release(VALID_SPEC.replace('name: acme-app', 'name: acme-tool'));
    const result = await run('diff', base, renamed, '--fail-on-replacement');
    expect(result.code).toBe(1);
    const lines = result.err.split('\n');
    expect(lines[0]).toBe(
      '--fail-on-replacement: aws TrustRole (RoleName changed) would be replaced: replaced by a new resource; the RoleArn changes and the vendor must be sent the new one',
    );
    expect(lines.every((l) => l.startsWith('--fail-on-replacement: '))).toBe(true);
    expect(lines).toHaveLength(JSON.parse((await run('diff', base, renamed, '--json')).out).replacements.length);
    expect(await run('diff', base, renamed)).toMatchObject({ code: 0, err: '' });
  });

  test('prints a readable summary', async () => {
    const out = (await run('diff', base, wider)).out;
    expect(out).toMatch(/^aws: 4 added, 0 removed\n {2}\+ secretsmanager:DescribeSecret on /);
    expect(out).toContain('trust: 1 changed\n  ~ gcp.vendor_token_creator: ');
  });

  test('exits 2 when a folder is not a release', async () => {
    // A folder of its own: the shared temporary folder changes under other test files running at once.
    const notRelease = mkdtempSync(join(tmpdir(), 'alien-trust-not-a-release-'));
    writeFileSync(join(notRelease, 'notes.txt'), 'not a release\n');
    expect(await run('diff', base, notRelease)).toMatchObject({ code: 2, err: expect.stringContaining('is not a release folder') });
    expect((await run('diff', base)).code).toBe(2);
  });
});

describe('alien-trust diff of the OIDC trust forms', () => {
  const oidc = (issuer: string, audience: string, prefix: string) =>
    VALID_SPEC.replace(
      /managingIdentity:\n(?: {2}.*\n)+/,
      `managingIdentity:\n  oidc: { issuer: "${issuer}", audience: ${audience}, subjectPrefix: "${prefix}" }\n`,
    );

  test.each([
    [
      'issuer',
      oidc('https://other.example', 'vendor-trust', 'customer:'),
      ['aws.oidcProvider.url', 'aws.trust[0].condition', 'azure.issuer', 'gcp.oidc.issuer'],
    ],
    [
      'audience',
      oidc('https://oidc.vendor.example', 'other-aud', 'customer:'),
      ['aws.oidcProvider.audiences', 'aws.trust[0].condition', 'azure.audience', 'gcp.oidc.audiences'],
    ],
    [
      'subject rule',
      oidc('https://oidc.vendor.example', 'vendor-trust', 'tenant:'),
      ['aws.trust[0].condition', 'azure.subject', 'gcp.oidc.condition', 'gcp.vendor_workload_identity_user'],
    ],
  ])('a changed %s is a trust change on every cloud, and fails --fail-on-expansion', async (_, changed, fields) => {
    const before = await release(oidc('https://oidc.vendor.example', 'vendor-trust', 'customer:'));
    const after = await release(changed);
    const diff = JSON.parse((await run('diff', before, after, '--json')).out);
    expect(diff.trust.map((t: { field: string }) => t.field)).toEqual(fields);
    expect((await run('diff', before, after, '--fail-on-expansion')).code).toBe(1);
  });
});
