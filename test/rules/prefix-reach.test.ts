import fc from 'fast-check';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { RESOURCE_PREFIX } from '../../lib/core/names';
import { prefixEndsAtSeparator } from '../../lib/rules/common/prefix-separator';
import type { PermissionSetSpec } from '../../lib/catalog/permission-set-schema';

/**
 * No reach across deployments: for any two valid prefixes p ≠ q, no grant made for p matches a
 * resource named for q. Checked on every AWS resource and GCP condition literal of the catalog.
 */
const prefixes = fc.stringMatching(new RegExp(RESOURCE_PREFIX.pattern));
const pairs = fc.tuple(prefixes, prefixes).filter(([p, q]) => p !== q);
/** What a `*` or `?` in a name can stand for in a real resource name. */
const filler = fc.stringMatching(/^[a-z0-9/:._-]{0,12}$/);

const FIXED = { partition: 'aws', region: 'eu-west-1', account: '123456789012', project: 'acme-123' };
function render(template: string, prefix: string): string {
  return template.replace(/\$\{(\w+)\}/g, (_, name: string) => (name === 'prefix' ? prefix : (FIXED as Record<string, string>)[name]));
}

/** IAM's ARN matching: `*` any run of characters, `?` any one, everything else literally. */
function iamMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 's').test(value);
}

const sets = builtInCatalog().sets;
const arns = sets.flatMap((s) => (s.aws ?? []).flatMap((st) => st.resources)).filter((r) => r.includes('${prefix}'));
const literals = sets.flatMap((s) => [...(s.gcp?.condition?.expression ?? '').matchAll(/"([^"]*\$\{prefix\}[^"]*)"/g)].map((m) => m[1]));

describe('grants for one prefix never reach another deployment', () => {
  test('the catalog has prefix-scoped grants to check', () => {
    expect(arns.length).toBeGreaterThan(30);
    expect(literals.length).toBeGreaterThan(5);
  });

  test('AWS: no ARN pattern for p matches a resource named for q', () => {
    fc.assert(
      fc.property(pairs, fc.array(filler, { minLength: 4, maxLength: 4 }), ([p, q], fills) => {
        for (const arn of arns) {
          let i = 0;
          const named = render(arn, q).replace(/[*?]/g, () => fills[i++ % fills.length]);
          if (iamMatches(render(arn, p), named)) throw new Error(`${render(arn, p)} matches ${named}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('GCP: no condition prefix for p is the start of a name for q', () => {
    fc.assert(
      fc.property(pairs, filler, ([p, q], tail) => {
        for (const literal of literals) {
          if (`${render(literal, q)}${tail}`.startsWith(render(literal, p)))
            throw new Error(`${render(literal, p)} starts ${render(literal, q)}${tail}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the same would fail for prefixes with hyphens, which is why the rule has none', () => {
    expect(iamMatches('arn:aws:s3:::acme-*', 'arn:aws:s3:::acme-prod-data')).toBe(true);
    expect(new RegExp(RESOURCE_PREFIX.pattern).test('acme-prod')).toBe(false);
  });
});

describe('the prefix-separator rule', () => {
  const set = (aws: PermissionSetSpec['aws'], gcp?: PermissionSetSpec['gcp']): PermissionSetSpec => ({
    id: 'app/x',
    description: 'X.',
    aws,
    gcp,
  });

  test.each([
    'arn:${partition}:s3:::${prefix}*',
    'arn:${partition}:s3:::${prefix}x-*',
    'arn:${partition}:s3:::${prefix}?',
    'arn:${partition}:s3:::${prefix}-a/${prefix}9',
  ])('refuses %s', (resource) => {
    expect(prefixEndsAtSeparator(set([{ actions: ['s3:GetObject'], resources: [resource] }]))).toEqual([
      { path: ['aws', 0, 'resources', 0], message: expect.stringContaining('must be followed by a separator') },
    ]);
  });

  test.each([
    'arn:${partition}:s3:::${prefix}-*',
    'arn:${partition}:ecs:${region}:${account}:service/${prefix}-*/${prefix}-*',
    'arn:${partition}:s3:::${prefix}',
  ])('accepts %s', (resource) => {
    expect(prefixEndsAtSeparator(set([{ actions: ['s3:GetObject'], resources: [resource] }]))).toEqual([]);
  });

  test('checks condition values, and refuses a CEL literal that ends at the prefix', () => {
    const findings = prefixEndsAtSeparator(
      set([{ actions: ['ec2:StartInstances'], resources: ['*'], conditions: { StringLike: { 'aws:ResourceTag/app': '${prefix}*' } } }], {
        permissions: ['storage.objects.get'],
        condition: { title: 't', expression: 'resource.name.startsWith("projects/_/buckets/${prefix}")' },
      }),
    );
    expect(findings.map((f) => f.path)).toEqual([
      ['aws', 0, 'conditions', 'StringLike', 'aws:ResourceTag/app'],
      ['gcp', 'condition', 'expression'],
    ]);
  });
});
