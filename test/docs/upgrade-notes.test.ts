import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The upgrade notes (docs/upgrade-notes.md) are the one home of what each release changes for a
 * customer. Every pair they name is two consecutive published versions of a product in
 * templates/, and the latest published version of each product they name has its row, so a
 * release cut without its note fails here.
 */
const ROOT = join(__dirname, '..', '..');
const PAGE = join(ROOT, 'docs', 'upgrade-notes.md');
const TEMPLATES = join(ROOT, 'templates');

/** Every `name` from → to pair in the first column of the notes table. */
export function upgradePairs(markdown: string): { name: string; from: string; to: string }[] {
  return markdown
    .split('\n')
    .filter((line) => /^\| `/.test(line))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([a-z0-9-]+)` (\S+) → ([^\s,]+)/g)])
    .map(([, name, from, to]) => ({ name, from, to }));
}

/** The published versions of `name`, newest first, as versions.json records them. */
function published(name: string): string[] {
  const index = join(TEMPLATES, name, 'versions.json');
  return existsSync(index) ? JSON.parse(readFileSync(index, 'utf8')).versions : [];
}

const pairs = existsSync(PAGE) ? upgradePairs(readFileSync(PAGE, 'utf8')) : [];

describe('the upgrade notes', () => {
  test('are read: the parser finds each pair of a row, two products in one row too', () => {
    expect(upgradePairs('| from → to | a | b |\n|---|---|---|\n| `p` 1.0.0 → 1.0.1, `q-r` 2.0.0 → 3.0.0-rc.1 | x | y |\n')).toEqual([
      { name: 'p', from: '1.0.0', to: '1.0.1' },
      { name: 'q-r', from: '2.0.0', to: '3.0.0-rc.1' },
    ]);
  });

  const products = [...new Set(pairs.map((p) => p.name))].filter((name) => existsSync(join(TEMPLATES, name)));
  if (products.length === 0) {
    test('(no product of templates/ is named in the notes)', () => expect(products).toEqual([]));
    return;
  }

  test('name two consecutive published versions in every pair', () => {
    const wrong = pairs
      .filter((p) => products.includes(p.name))
      .filter(({ name, from, to }) => {
        const versions = published(name);
        return versions.indexOf(to) < 0 || versions.indexOf(from) !== versions.indexOf(to) + 1;
      });
    expect(wrong).toEqual([]);
  });

  test.each(products)('%s: its latest published version has its row (add it to docs/upgrade-notes.md when cutting a release)', (name) => {
    const latest = published(name)[0];
    expect(pairs.filter((p) => p.name === name).map((p) => p.to)).toContain(latest);
  });
});
