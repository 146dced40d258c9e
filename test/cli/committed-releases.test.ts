import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { compareSemverDescending } from '../../lib/release/versions-index';
import { run } from '../support/run-cli';

/*
 * The one test that reads this project's own specs and published releases, and only through the
 * command line, as a vendor's CI would: `check` for the root spec (and ALIEN_TRUST_SPEC, as the
 * release workflow sets it) and every example present, and `diff` between consecutive published
 * versions. Every other test uses fixtures (test/fixtures, test/support), so a vendor who puts
 * their own product in alien.trust.yaml and removes the examples and their releases keeps a
 * passing `npm test` once they ran `npm run synth`.
 */
const ROOT = join(__dirname, '..', '..');
const TEMPLATES = join(ROOT, 'templates');

const examples = existsSync(join(ROOT, 'examples'))
  ? readdirSync(join(ROOT, 'examples'))
      .filter((f) => f.endsWith('.trust.yaml'))
      .sort()
      .map((f) => join(ROOT, 'examples', f))
  : [];
const specs = [
  ...new Set([
    ...(existsSync(join(ROOT, 'alien.trust.yaml')) ? [join(ROOT, 'alien.trust.yaml')] : []),
    ...(process.env.ALIEN_TRUST_SPEC ? [resolve(ROOT, process.env.ALIEN_TRUST_SPEC)] : []),
    ...examples,
  ]),
].map((file) => relative(ROOT, file));

describe('the committed release of each spec in this project', () => {
  if (specs.length === 0) {
    test('(this project has no spec to check)', () => expect(specs).toEqual([]));
    return;
  }

  test.each(specs)('%s: `check` finds its release folder exactly as synth writes it', async (spec) => {
    const result = await run('check', '--spec', join(ROOT, spec));
    expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
    expect(result.out).toMatch(/is up to date/);
  });
});

/**
 * Upgrades published before the upgrade check, which replace resources within a major version;
 * no release after them may.
 */
const REPLACING_BEFORE_THE_CHECK = new Set(['alien-app 1.1.0 → 1.1.1']);

const products = existsSync(TEMPLATES)
  ? readdirSync(TEMPLATES, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
  : [];

describe.each(products.length > 0 ? products : ['(none)'])('the published versions of %s', (product) => {
  if (product === '(none)') {
    test('(nothing is published yet)', () => expect(products).toEqual([]));
    return;
  }
  const dir = join(TEMPLATES, product);
  const { versions } = JSON.parse(readFileSync(join(dir, 'versions.json'), 'utf8')) as { versions: string[] };
  const ascending = [...versions].sort(compareSemverDescending).reverse();
  const pairs = ascending.slice(1).map((version, i) => [ascending[i], version] as const);
  const major = (v: string) => v.split('.')[0];
  const diff = (a: string, b: string, ...flags: string[]) => run('diff', join(dir, `v${a}`), join(dir, `v${b}`), ...flags);

  test('are listed in versions.json, every one of them', () => {
    const folders = readdirSync(dir)
      .filter((f) => /^v\d/.test(f))
      .map((f) => f.slice(1));
    expect([...folders].sort()).toEqual([...versions].sort());
  });

  // Within a major version a customer's upgrade must update the stack in place (`diff
  // --fail-on-replacement` passes); a new major may replace resources, and `diff` says which.
  for (const [a, b] of pairs) {
    const before = REPLACING_BEFORE_THE_CHECK.has(`${product} ${a} → ${b}`);
    const inPlace = major(a) === major(b) && !before;
    const what = inPlace
      ? 'updates in place'
      : before
        ? 'was published before the upgrade check; diff compares them'
        : 'is a new major version; diff compares them';
    test(`${a} → ${b} ${what}`, async () => {
      const result = inPlace ? await diff(a, b, '--fail-on-replacement') : await diff(a, b);
      expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
    });
  }
});
