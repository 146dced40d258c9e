import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
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
