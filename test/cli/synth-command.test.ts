import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fixturePath, VALID_SPEC } from '../support/fixtures';
import { notWarnings, run } from '../support/run-cli';

const tmp = () => mkdtempSync(join(tmpdir(), 'alien-trust-test-'));

/** Every file under a folder (relative path → bytes). */
function snapshotDir(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

describe('alien-trust synth', () => {
  test('writes one template per cloud of the spec, the permissions review and the manifest', async () => {
    const out = join(tmp(), 'release');
    const result = await run('synth', '--spec', fixturePath('full'), '--out', out);
    expect(result.code).toBe(0);
    expect(notWarnings(result.err)).toEqual([]);
    expect(Object.keys(snapshotDir(out))).toEqual([
      'INSTALL.md',
      'PERMISSIONS.md',
      'aws/main.tf.json',
      'aws/module/main.tf.json',
      'aws/template.json',
      'azure/main.tf.json',
      'azure/module/main.tf.json',
      'gcp/main.tf.json',
      'gcp/module/main.tf.json',
      'manifest.json',
    ]);
    expect(JSON.parse(readFileSync(join(out, 'aws/template.json'), 'utf8')).Resources.TrustRole.Type).toBe('AWS::IAM::Role');
  });

  test('writes byte-identical files on a second run', async () => {
    const [a, b] = [join(tmp(), 'a'), join(tmp(), 'b')];
    expect((await run('synth', '--spec', fixturePath('full'), '--out', a)).code).toBe(0);
    expect((await run('synth', '--spec', fixturePath('full'), '--out', b)).code).toBe(0);
    expect(snapshotDir(a)).toEqual(snapshotDir(b));
  });

  test('--cloud narrows the clouds that are written', async () => {
    const out = join(tmp(), 'release');
    expect((await run('synth', '--spec', fixturePath('full'), '--out', out, '--cloud', 'gcp')).code).toBe(0);
    expect(Object.keys(snapshotDir(out))).toEqual([
      'INSTALL.md',
      'PERMISSIONS.md',
      'gcp/main.tf.json',
      'gcp/module/main.tf.json',
      'manifest.json',
    ]);
  });

  test('writes only the clouds the spec names', async () => {
    const out = join(tmp(), 'release');
    expect((await run('synth', '--spec', fixturePath('aws-only'), '--out', out)).code).toBe(0);
    expect(Object.keys(snapshotDir(out))).toEqual([
      'INSTALL.md',
      'PERMISSIONS.md',
      'aws/main.tf.json',
      'aws/module/main.tf.json',
      'aws/template.json',
      'manifest.json',
    ]);
  });

  test('exits 2 when --cloud would publish a partial release', async () => {
    expect(await run('synth', '--spec', fixturePath('full'), '--cloud', 'aws')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--cloud needs --out DIR'),
    });
  });

  test('exits 2 on a bad spec, prints each problem without a stack trace, and leaves the folder as it was', async () => {
    const out = join(tmp(), 'release');
    expect((await run('synth', '--spec', fixturePath('aws-only'), '--out', out)).code).toBe(0);
    const before = snapshotDir(out);
    const spec = join(tmp(), 'bad.yaml');
    writeFileSync(spec, VALID_SPEC.replace('version: 1.2.3', 'version: latest').replace('[logs/read]', '[nope/nope]'));
    const result = await run('synth', '--spec', spec, '--out', out);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toEqual([
      `${spec}:2:10: version: a semantic version such as 2.3.1`,
      expect.stringContaining(`${spec}:11:15: permissions[0]: unknown permission set "nope/nope"`),
    ]);
    expect(result.err).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(snapshotDir(out)).toEqual(before);
  });

  test('exits 2 and names the file when the spec is missing', async () => {
    const out = join(tmp(), 'release');
    const result = await run('synth', '--spec', 'missing.yaml', '--out', out);
    expect(result).toMatchObject({ code: 2, err: 'missing.yaml:1:1: spec file not found' });
    expect(existsSync(out)).toBe(false);
  });

  test('exits 2 on an unknown cloud or option', async () => {
    expect(await run('synth', '--cloud', 'aws,oci', '--out', 'x')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--cloud: unknown cloud "oci"/),
    });
    expect((await run('synth', 'extra-argument')).code).toBe(2);
    expect((await run('synth', '--outdir', 'x')).code).toBe(2);
    expect((await run('deploy')).code).toBe(2);
  });

  test("exits 2 when --cloud leaves none of the spec's clouds", async () => {
    const result = await run('synth', '--spec', fixturePath('aws-only'), '--cloud', 'gcp', '--out', join(tmp(), 'x'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/none of them was chosen/);
  });
});

describe('the command line', () => {
  test('a misspelled option is one line with a suggestion and a pointer to --help', async () => {
    expect(await run('synth', '--sepc', 'x.yaml')).toEqual({
      code: 2,
      out: '',
      err: 'alien-trust: unknown option --sepc (did you mean "--spec"?); see "alien-trust --help"',
    });
    expect(await run('diff', 'a', 'b', '--fail-on-expanson')).toMatchObject({
      code: 2,
      err: 'alien-trust: unknown option --fail-on-expanson (did you mean "--fail-on-expansion"?); see "alien-trust --help"',
    });
  });

  test('an option without its value, and an unknown command, are one line each', async () => {
    expect((await run('synth', '--spec')).err).toBe('alien-trust: --spec needs a value; see "alien-trust --help"');
    expect((await run('synht')).err).toBe('alien-trust: unknown command "synht" (did you mean "synth"?); see "alien-trust --help"');
  });

  test('--version prints the version, --help the usage', async () => {
    const { version } = require('../../package.json');
    expect(await run('--version')).toEqual({ code: 0, out: version, err: '' });
    expect((await run('synth', '--help')).out).toMatch(/^Usage: alien-trust/);
  });
});

describe('a cloud the granted sets give nothing to', () => {
  test("is refused naming clouds and each set's reason, with nothing written", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-empty-cloud-'));
    writeFileSync(join(dir, 'spec.yaml'), VALID_SPEC.replace('[logs/read]', '[email/heartbeat]'));
    const result = await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'out'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^.*spec\.yaml:1:1: clouds: gcp and azure: none of the granted permission sets grants anything there \(email\/heartbeat: GCP has no managed email receiving service\.\); grant a set for it or leave it out of clouds$/,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('one run names every problem, each with a fix that works', () => {
  test("a misspelled action in a contentRead set is named (with the suggestion) beside the spec's other problems, and nothing is written", async () => {
    const dir = tmp();
    const spec = `${VALID_SPEC.replace('version: 1.2.3', 'version: 1.0').replace('[logs/read]', '[logs/read, app/custom]')}customPermissionSets:
  - id: app/custom
    description: Reads the deployment's objects.
    contentRead: true
    aws:
      - actions: [s3:GetObjct]
        resources: ["arn:\${partition}:s3:::\${prefix}-*/*"]
        conditions: { StringEquals: { s3:ResourceAccount: "\${account}" } }
    unsupported: { gcp: not needed, azure: not needed }
`;
    writeFileSync(join(dir, 'spec.yaml'), spec);
    const result = await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'out'));
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toEqual([
      expect.stringMatching(/spec\.yaml:2:10: version: must be text, not a number \(YAML reads 1\.0 as 1\); write "1\.0\.0", in quotes/),
      expect.stringMatching(
        /spec\.yaml:17:19: customPermissionSets\[0\]\.aws\[0\]\.actions\[0\]: app\/custom: s3:GetObjct is not an AWS action \(did you mean "s3:GetObject"\?\)$/,
      ),
    ]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    writeFileSync(join(dir, 'spec.yaml'), spec.replace('version: 1.0', 'version: "1.0.0"').replace('s3:GetObjct', 's3:GetObject'));
    const fixed = await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'out'));
    expect(fixed.code).toBe(0);
    expect(notWarnings(fixed.err)).toEqual([]);
  });
});
