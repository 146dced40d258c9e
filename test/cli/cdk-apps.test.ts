import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTemplates } from '../../lib/output/generate';
import { withoutMetadata } from '../../lib/terraform/synth-terraform';
import { fixturePath, modelOf } from '../support/fixtures';

/**
 * `npx cdk synth` and `npx cdktf synth` run the compiled apps (bin/*.js → dist/), which
 * `npm ci` builds through the "prepare" script.
 */
const ROOT = join(__dirname, '..', '..');
const env = { ...process.env, ALIEN_TRUST_SPEC: fixturePath('full'), CHECKPOINT_DISABLE: '1', CI: 'true' };
const expected = generateTemplates(modelOf('full'));

test('npx cdk synth produces the template alien-trust writes', () => {
  const out = mkdtempSync(join(tmpdir(), 'cdk-out-'));
  execFileSync('npx', ['cdk', 'synth', '--quiet', '--output', out], { cwd: ROOT, env, stdio: 'pipe' });
  expect(JSON.parse(readFileSync(join(out, 'alien-app.template.json'), 'utf8'))).toEqual(JSON.parse(expected.get('aws/template.json')!));
});

test('npx cdktf synth produces stacks gcp and azure with the same resources', () => {
  const out = mkdtempSync(join(tmpdir(), 'cdktf-out-'));
  execFileSync('npx', ['cdktf', 'synth', '--output', out], { cwd: ROOT, env, stdio: 'pipe' });
  for (const cloud of ['gcp', 'azure']) {
    const synthesized = JSON.parse(readFileSync(join(out, 'stacks', cloud, 'cdk.tf.json'), 'utf8'));
    expect(withoutMetadata(synthesized)).toEqual(JSON.parse(expected.get(`${cloud}/module/main.tf.json`)!));
  }
});

describe('single-cloud specs', () => {
  const synth = (tool: string, spec: string, out: string) => {
    try {
      const stdout = execFileSync('npx', [tool, 'synth', '--output', out], {
        cwd: ROOT,
        env: { ...env, ALIEN_TRUST_SPEC: spec },
        stdio: 'pipe',
      });
      return { code: 0, text: stdout.toString() };
    } catch (e: any) {
      return { code: e.status as number, text: `${e.stdout}${e.stderr}` };
    }
  };

  test('npx cdktf synth of an AWS-only spec is an empty app with a one-line notice', () => {
    const result = synth('cdktf', fixturePath('aws-only'), mkdtempSync(join(tmpdir(), 'cdktf-out-')));
    expect(result.code).toBe(0);
    expect(result.text).toContain('alien-trust: billing-agent targets neither gcp nor azure; no Terraform stack to synthesize');
  });

  test('npx cdk synth of a spec without AWS says so in one line instead of a --cloud error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdk-gcp-only-'));
    writeFileSync(
      join(dir, 'spec.yaml'),
      'name: gcp-app\nversion: 1.0.0\nmanagingIdentity:\n  gcp: { serviceAccount: alien-control@alien-prod.iam.gserviceaccount.com }\nclouds: [gcp]\npermissions: [logs/read]\n',
    );
    const result = synth('cdk', join(dir, 'spec.yaml'), join(dir, 'out'));
    expect(result.text).toContain('alien-trust: gcp-app does not target aws');
    expect(result.text).not.toContain('--cloud');
  });
});
