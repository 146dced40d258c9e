import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../support/fixtures';
import { notWarnings, run } from '../support/run-cli';

/**
 * "You define the stack; the tool generates the identity, the trust and the policies": a spec
 * that describes a function, a bucket, a queue, a key-value table and a vault (no `permissions`)
 * synthesizes on three clouds with the sets Alien's profile picks for them, says why in the
 * review, and the template creates the function's identity.
 */
describe('a spec that describes its stack (test/fixtures/stack.yaml)', () => {
  let out: string;
  let result: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), 'alien-trust-stack-')), 'release');
    result = await run('synth', '--spec', fixturePath('stack'), '--out', out);
  });
  const read = (path: string) => readFileSync(join(out, path), 'utf8');

  test('synthesizes every cloud, naming only the accepted outliving set', () => {
    expect(result.code).toBe(0);
    expect(notWarnings(result.err)).toEqual([]);
    expect(result.err).toContain('notice: the spec grants sets whose effect revoking does not undo: worker/provision;');
    for (const path of ['aws/template.json', 'gcp/module/main.tf.json', 'azure/module/main.tf.json'])
      expect(read(path).length).toBeGreaterThan(0);
  });

  test("grants the sets Alien's profile picks, and says for which resource and why", () => {
    const review = read('PERMISSIONS.md');
    const picked = [...review.matchAll(/^\| `([a-z-]+\/[a-z-]+)` \| (.+?) \|/gm)].map((m) => `${m[1]}: ${m[2]}`);
    expect(picked).toEqual([
      'worker/provision: worker "api" (live)',
      'worker/heartbeat: worker "api" (live)',
      'worker/dispatch-command: worker "api" (live)',
      'storage/heartbeat: storage "uploads" (frozen)',
      'queue/heartbeat: queue "jobs" (frozen)',
      'kv/heartbeat: kv "cache" (frozen)',
      'vault/heartbeat: vault "secrets" (frozen)',
    ]);
    for (const id of ['worker/provision', 'vault/heartbeat']) expect(review).toContain(`### \`${id}\``);
  });

  test("the AWS template creates the worker's role under the workload path, trusted by Lambda only", () => {
    const template = JSON.parse(read('aws/template.json'));
    const roles = Object.values<{
      Type: string;
      Properties: { Path?: unknown; AssumeRolePolicyDocument: { Statement: { Principal: unknown }[] } };
    }>(template.Resources).filter((r) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties.Path ?? '').includes('alien-workload'));
    expect(roles).toHaveLength(1);
    expect(roles[0].Properties.AssumeRolePolicyDocument.Statement.map((s) => s.Principal)).toEqual([{ Service: 'lambda.amazonaws.com' }]);
  });
});
