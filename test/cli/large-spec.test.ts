import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../support/run-cli';

const { largeSpec } = require('../../bench/large-spec') as { largeSpec: (count: number, bucketsPerSet?: number) => string };

async function synth(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'alien-trust-large-'));
  writeFileSync(join(dir, 'spec.yaml'), text);
  const out = join(dir, 'out');
  return { result: await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', out), out };
}

describe('a spec with 200 inline permission sets', () => {
  test('synthesizes within every limit', async () => {
    const { result, out } = await synth(largeSpec(200));
    expect(result).toMatchObject({ code: 0, err: '' });
    const aws = JSON.parse(readFileSync(join(out, 'aws/template.json'), 'utf8'));
    const policies = Object.values<any>(aws.Resources).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
    expect(policies.length).toBeGreaterThan(1);
    expect(policies.length).toBeLessThanOrEqual(10);
    const gcp = JSON.parse(readFileSync(join(out, 'gcp/main.tf.json'), 'utf8'));
    expect(Object.keys(gcp.resource.google_project_iam_custom_role)).toHaveLength(200);
  });

  test('is refused with exit 2, naming the limit and by how much, when the AWS policies would not fit', async () => {
    const { result, out } = await synth(largeSpec(200, 4));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^aws: managed policies per role: the permissions need (\d+) policies of 6144 characters; IAM allows 10 per role, \d+ too many/);
    expect(existsSync(out)).toBe(false);
  });
});
