import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffReleases } from '../../lib/release/release-diff';
import { readRelease } from '../../lib/release/release-folder';
import { compareSemverDescending } from '../../lib/release/versions-index';

/**
 * The committed releases, compared the way a customer upgrades: each version against the one
 * before it. Within a major version an upgrade must update the stack in place; a major version
 * may replace resources, and says which.
 */
const TEMPLATES = join(__dirname, '..', '..', 'templates');
const products = readdirSync(TEMPLATES);

describe.each(products)('the released versions of %s', (product) => {
  const { versions } = JSON.parse(readFileSync(join(TEMPLATES, product, 'versions.json'), 'utf8')) as { versions: string[] };
  const ascending = [...versions].sort(compareSemverDescending).reverse();
  const pairs = ascending.slice(1).map((version, i) => [ascending[i], version] as const);
  const major = (v: string) => Number(v.split('.')[0]);
  const diff = (a: string, b: string) => diffReleases(readRelease(join(TEMPLATES, product, `v${a}`))!, readRelease(join(TEMPLATES, product, `v${b}`))!);

  test('are listed in versions.json, every one of them', () => {
    const folders = readdirSync(join(TEMPLATES, product)).filter((f) => /^v\d/.test(f)).map((f) => f.slice(1));
    expect([...folders].sort()).toEqual([...versions].sort());
  });

  // 1.x came before the upgrade check; from 2.0.0 on, a minor or patch release never replaces.
  for (const [a, b] of pairs.filter(([a, b]) => major(a) === major(b) && major(b) >= 2)) {
    test(`${a} → ${b} updates in place`, () => {
      expect(diff(a, b).replacements).toEqual([]);
    });
  }

  for (const [a, b] of pairs.filter(([a, b]) => major(b) > major(a))) {
    test(`${a} → ${b}, a new major version, says what it replaces`, () => {
      const changes = diff(a, b);
      // A major may change grants and trust (alien-app 3.0.0: per-customer forms, narrower
      // CloudWatch and ECS statements); diff reports each, and its gate stops on any of them.
      expect(changes.replacements.length).toBeGreaterThan(0);
    });
  }
});
