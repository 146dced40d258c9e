import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { parseSpec } from '../../lib/input/load-spec';
import type { PermissionSetSpec } from '../../lib/catalog/permission-set-schema';
import { SpecError } from '../../lib/core/spec-error';
import { LEAST_PRIVILEGE_RULES } from '../../lib/rules/least-privilege';
import { ruleFamily, rulesReference } from '../../lib/rules/rules-reference';
import { VALID_SPEC } from '../support/fixtures';

const ROOT = join(__dirname, '..', '..');
const PAGE = join(ROOT, 'docs', 'rules.md');
const RULES_DIR = join(ROOT, 'lib', 'rules');
const rules = LEAST_PRIVILEGE_RULES;

const set = (fields: Partial<PermissionSetSpec>): PermissionSetSpec => ({ id: 'app/x', description: 'X.', ...fields });

/** For every rule, a set that breaks it: a new rule without an example here fails the coverage test. */
const BROKEN: Record<string, PermissionSetSpec> = {
  'privileged-marked': set({ aws: [{ actions: ['sts:AssumeRole'], resources: ['arn:${partition}:iam::${account}:role/${prefix}-x'] }] }),
  'privileged-needed': set({
    privileged: true,
    privilegedReason: 'r',
    gcp: { permissions: ['logging.logEntries.list'], projectWide: 'r' },
  }),
  'content-read-marked': set({
    gcp: {
      permissions: ['secretmanager.versions.access'],
      condition: { title: 't', expression: 'resource.name.startsWith("projects/${project}/secrets/${prefix}-")' },
    },
  }),
  'content-read-needed': set({ contentRead: true, gcp: { permissions: ['logging.logEntries.list'], projectWide: 'r' } }),
  'outlives-revocation-marked': set({ gcp: { permissions: ['pubsub.subscriptions.create'], projectWide: 'r' } }),
  'outlives-revocation-needed': set({
    outlivesRevocation: { reason: 'r', gcp: 'g' },
    gcp: { permissions: ['logging.logEntries.list'], projectWide: 'r' },
  }),
  'prefix-separator': set({ aws: [{ actions: ['sqs:GetQueueUrl'], resources: ['arn:${partition}:sqs:${region}:${account}:${prefix}*'] }] }),
  'aws-prefix-scope': set({ aws: [{ actions: ['sqs:GetQueueUrl'], resources: ['arn:${partition}:sqs:${region}:${account}:jobs'] }] }),
  'aws-arn-scope': set({
    aws: [{ actions: ['sqs:GetQueueUrl'], resources: ['arn:${partition}:sqs:eu-west-1:${account}:${prefix}-jobs'] }],
  }),
  'aws-s3-account': set({ aws: [{ actions: ['s3:ListBucket'], resources: ['arn:${partition}:s3:::${prefix}-data'] }] }),
  'aws-privileged-scope': set({ privileged: true, privilegedReason: 'r', aws: [{ actions: ['sts:AssumeRole'], resources: ['*'] }] }),
  'aws-pass-role': set({
    privileged: true,
    privilegedReason: 'r',
    aws: [{ actions: ['iam:PassRole'], resources: ['arn:${partition}:iam::${account}:role/alien-workload/${prefix}/app'] }],
  }),
  'identities-from-template': set({
    privileged: true,
    privilegedReason: 'r',
    azure: { actions: ['Microsoft.ManagedIdentity/userAssignedIdentities/write'] },
  }),
  'gcp-condition-scope': set({ gcp: { permissions: ['storage.objects.list'], projectWide: 'r' } }),
};

/** Every `id: '…'` of a `defineRule` in lib/rules, with the folder of its file. */
function definedIds(): { id: string; folder: string }[] {
  return readdirSync(RULES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => {
      const text = readFileSync(join(RULES_DIR, f), 'utf8');
      const folder = `${relative(ROOT, join(RULES_DIR, f, '..'))
        .split('\\')
        .join('/')}/`;
      return [...text.matchAll(/defineRule\(\s*\{\s*id: '([^']+)'/g)].map((m) => ({ id: m[1], folder }));
    });
}

describe('rule ids', () => {
  test('every rule has a unique, descriptive id, a summary and a why', () => {
    const ids = rules.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(13);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) {
      expect([rule.id, /^[a-z]+(-[a-z0-9]+)+$/.test(rule.id)]).toEqual([rule.id, true]);
      expect([rule.id, rule.summary.length > 20, rule.why.length > 20]).toEqual([rule.id, true, true]);
      // Markdown reads <name> outside a code span as an HTML tag and hides it.
      const prose = `${rule.summary} ${rule.why}`.replace(/`[^`]*`/g, '');
      expect([rule.id, prose.includes('<')]).toEqual([rule.id, false]);
    }
  });

  test('every rule defined under lib/rules runs, and its id names the folder it lives in', () => {
    const defined = definedIds();
    expect(defined.map((d) => d.id).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const { id, folder } of defined) expect([id, ruleFamily(id).folder]).toEqual([id, folder]);
  });

  test('every rule has an example here that breaks it', () => {
    expect(Object.keys(BROKEN).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  test.each(rules.map((r) => [r.id, r] as const))('%s: each finding names the rule at the end of its message', (id, rule) => {
    const findings = rule(BROKEN[id]);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.message).toMatch(new RegExp(`\\S \\(rule ${id}\\)$`));
    // The example breaks this rule and no other, so the rule is what tells it apart.
    expect(rules.filter((r) => r(BROKEN[id]).length > 0).map((r) => r.id)).toEqual([id]);
  });

  test('no built-in set breaks a rule', () => {
    for (const s of builtInCatalog().sets) expect([s.id, rules.flatMap((r) => r(s))]).toEqual([s.id, []]);
  });

  test("a spec's own set that breaks a rule is refused with the rule's id on the line", () => {
    const text = `${VALID_SPEC.replace('[logs/read]', '[app/custom]')}customPermissionSets:
  - id: app/custom
    description: Lists the deployment's buckets.
    aws:
      - actions: [s3:ListBucket]
        resources: ["arn:\${partition}:s3:::\${prefix}-*"]
    unsupported: { gcp: not needed, azure: not needed }
`;
    let message = '';
    try {
      parseSpec(text, 'spec.yaml', builtInCatalog().ids);
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      message = e.message;
    }
    expect(message).toMatch(
      /^spec\.yaml:\d+:\d+: customPermissionSets\[0\]\.aws\[0\]\.conditions: S3 bucket names are global; .* \(rule aws-s3-account\)$/,
    );
  });
});

describe('docs/rules.md', () => {
  test('is exactly what the generator prints from the rules (UPDATE_DOCS=1 rewrites it)', () => {
    const generated = rulesReference(rules);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(PAGE, generated);
    expect(readFileSync(PAGE, 'utf8')).toBe(generated);
  });

  test('lists every rule under its id, with its summary and why', () => {
    const page = readFileSync(PAGE, 'utf8');
    for (const rule of rules) {
      expect(page).toContain(`\n### ${rule.id}\n\n${rule.summary}\n\nWhy: ${rule.why}\n`);
    }
  });
});
