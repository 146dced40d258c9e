import fc from 'fast-check';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_IAM_PATH, AWS_LONGEST_REGION, awsProductTag, NAME_LIMITS } from '../../lib/core/names';
import { readRelease } from '../../lib/release/release-folder';
import { specText, validSpec } from '../support/arbitraries';
import { notWarnings, run } from '../support/run-cli';
import { allStrings, foreignInterpolations } from '../support/terraform';

async function synth(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'alien-trust-prop-'));
  writeFileSync(join(dir, 'spec.yaml'), text);
  const out = join(dir, 'out');
  return { result: await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', out), out, spec: join(dir, 'spec.yaml') };
}

describe('any valid spec', () => {
  test('synthesizes, keeps the invariants, and gives the same bytes twice', async () => {
    await fc.assert(
      fc.asyncProperty(validSpec, async (spec) => {
        const text = specText(spec);
        const first = await synth(text);
        expect(first.result.code).toBe(0);
        expect(notWarnings(first.result.err)).toEqual([]);
        const files = readRelease(first.out)!;
        if (spec.clouds.includes('aws')) {
          const template = JSON.parse(files.get('aws/template.json')!);
          const policies = Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
          expect(policies.length).toBeLessThanOrEqual(10);
          expect(template.Resources.TrustRole.Properties.Description.length).toBeLessThanOrEqual(1000);
          expect(Buffer.byteLength(template.Description)).toBeLessThanOrEqual(1024);
          // Names hold prefix, product and region, so stacks of one account never collide.
          const role = template.Resources.TrustRole.Properties;
          expect(role.RoleName['Fn::Sub']).toBe(`\${ResourcePrefix}-${awsProductTag(spec.name)}-\${AWS::Region}`);
          expect(role.Path).toBe(AWS_IAM_PATH);
          const longest = role.RoleName['Fn::Sub']
            .replace('${ResourcePrefix}', 'p'.repeat(24))
            .replace('${AWS::Region}', AWS_LONGEST_REGION);
          expect(longest.length).toBeLessThanOrEqual(NAME_LIMITS.awsRoleName);
        }
        if (spec.clouds.includes('gcp')) {
          const gcp = JSON.parse(files.get('gcp/module/main.tf.json')!).resource;
          expect(gcp.google_service_account.alien.description.length).toBeLessThanOrEqual(256);
          for (const role of Object.values<any>(gcp.google_project_iam_custom_role))
            expect(role.description.length).toBeLessThanOrEqual(256);
        }
        if (spec.clouds.includes('azure')) {
          const azure = JSON.parse(files.get('azure/module/main.tf.json')!).resource;
          expect(azure.azurerm_role_definition.alien_role.description.length).toBeLessThanOrEqual(1024);
        }
        for (const file of ['aws/module/main.tf.json', 'gcp/module/main.tf.json', 'azure/module/main.tf.json'].filter((f) =>
          files.has(f),
        )) {
          const foreign = allStrings(JSON.parse(files.get(file)!)).filter(([, value]) => foreignInterpolations(value).length > 0);
          expect(foreign).toEqual([]);
        }
        expect(readRelease((await synth(text)).out)).toEqual(files);
      }),
      // Each run synthesizes every cloud twice; the generated specs' reach is in test/support/arbitraries.ts.
      { numRuns: 15 },
    );
  });
});

/** A change that breaks a valid spec at one field, and the field the message must name. */
interface Mutation {
  readonly field: string;
  readonly apply: (spec: any) => void;
}

const FIELDS: [string, (s: any) => any, (s: any, v: unknown) => void][] = [
  ['name', (s) => s, (s, v) => (s.name = v)],
  ['version', (s) => s, (s, v) => (s.version = v)],
  ['description', (s) => s, (s, v) => (s.description = v)],
  ['managingIdentity.aws.roleArn', (s) => s.managingIdentity.aws, (s, v) => (s.managingIdentity.aws.roleArn = v)],
  ['managingIdentity.gcp.serviceAccount', (s) => s.managingIdentity.gcp, (s, v) => (s.managingIdentity.gcp.serviceAccount = v)],
  ['managingIdentity.azure.issuer', (s) => s.managingIdentity.azure, (s, v) => (s.managingIdentity.azure.issuer = v)],
  ['managingIdentity.azure.subject', (s) => s.managingIdentity.azure, (s, v) => (s.managingIdentity.azure.subject = v)],
  ['clouds', (s) => s, (s, v) => (s.clouds = v)],
  ['permissions', (s) => s, (s, v) => (s.permissions = v)],
  ['aws.maxSessionDuration', (s) => s.aws, (s, v) => (s.aws.maxSessionDuration = v)],
];

const wrongValue = fc.oneof(
  fc.integer(),
  fc.constant(null),
  fc.constant(true),
  fc.constant({ nested: { deeper: [1, 2] } }),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // A value of the wrong type, at any field.
  fc.tuple(fc.constantFrom(...FIELDS), wrongValue).map(([[field, , set], value]) => ({ field, apply: (s: any) => set(s, value) })),
  // A required field left out.
  fc.constantFrom('name', 'version', 'managingIdentity', 'permissions').map((field) => ({ field, apply: (s: any) => delete s[field] })),
  // An unknown field, at the top or inside an object.
  fc.tuple(fc.constantFrom(...FIELDS.slice(3, 5)), fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/)).map(([[field, parent], key]) => ({
    field: `${field.slice(0, field.lastIndexOf('.'))}.X${key}`,
    apply: (s: any) => (parent(s)[`X${key}`] = 'surprise'),
  })),
  // A malformed ARN or email, odd Unicode in the name, a very long string, a number out of range.
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
    .map((v) => ({ field: 'managingIdentity.aws.roleArn', apply: (s: any) => (s.managingIdentity.aws.roleArn = `arn:aws:iam::${v}`) })),
  fc
    .emailAddress()
    .map((v) => ({ field: 'managingIdentity.gcp.serviceAccount', apply: (s: any) => (s.managingIdentity.gcp.serviceAccount = v) })),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
    .map((v) => ({ field: 'name', apply: (s: any) => (s.name = `${v}\u202e\u0301`) })),
  fc
    .integer({ min: 601, max: 200_000 })
    .map((n) => ({ field: 'managingIdentity.azure.subject', apply: (s: any) => (s.managingIdentity.azure.subject = 's'.repeat(n)) })),
  fc.oneof(fc.integer({ max: 3599 }), fc.integer({ min: 43201 }), fc.double({ min: 3600.1, max: 43199.9, noInteger: true })).map((n) => ({
    field: 'aws.maxSessionDuration',
    apply: (s: any) => (s.aws.maxSessionDuration = n),
  })),
);

/** Changes made to the text itself: nesting, aliases, duplicate keys. Their messages name a line. */
const textMutation = fc.constantFrom(
  (text: string) => `${text}description: ${'['.repeat(200)}${']'.repeat(200)}\n`,
  (text: string) =>
    `${text}x0: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from(
      { length: 8 },
      (_, i) =>
        `x${i + 1}: &${'b'.repeat(i + 1)} [${Array(10)
          .fill(i === 0 ? '*a' : `*${'b'.repeat(i)}`)
          .join(', ')}]`,
    ).join('\n')}\n`,
  (text: string) => `${text}name: again\n`,
  (text: string) => `${text}\t- tab: indented\n`,
);

/** The run refused the spec as bad input: exit 2, positioned messages, no stack trace, nothing written. */
function expectRefused({ result, out }: Awaited<ReturnType<typeof synth>>): void {
  expect(result.code).toBe(2);
  for (const line of result.err.split('\n')) expect(line).toMatch(/^\S+\.yaml:\d+:\d+: /);
  expect(result.err).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
}

describe('any broken spec', () => {
  test('exits 2 naming the broken field, prints no stack trace and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(validSpec, mutation, async (spec, { field, apply }) => {
        apply(spec);
        const refused = await synth(specText(spec));
        expectRefused(refused);
        expect(refused.result.err).toContain(field.includes('.X') ? field.slice(field.lastIndexOf('.') + 1) : `${field}`);
      }),
      { numRuns: 60 },
    );
  });

  test('exits 2 naming the line when the YAML itself is hostile or malformed', async () => {
    await fc.assert(
      fc.asyncProperty(validSpec, textMutation, async (spec, mutate) => expectRefused(await synth(mutate(specText(spec))))),
      { numRuns: 20 },
    );
  });
});
