import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The layers of lib/, lowest first: a folder may import its own layer's folders and the layers
 * below, never above. One direction of flow: parse → resolve to a cloud-neutral model → render
 * per cloud → release and review → the command line.
 */
const LAYERS: readonly (readonly string[])[] = [
  // Clouds and variables, names and limits, the customer binding, errors and exit codes.
  ['core'],
  // The permission-set model: its schema and rules, the clouds' lists, the built-in catalog.
  ['catalog', 'rules', 'lists'],
  // The trust spec as written: its schema and the checks that need the catalog.
  ['input'],
  // The cloud-neutral model the renderers read.
  ['model'],
  // A renderer per cloud, and the Terraform helpers they share.
  ['terraform'],
  ['aws', 'gcp', 'azure'],
  // The registry of cloud providers, the one place that names every cloud's folder.
  ['clouds'],
  // The templates in memory, what the customer and reviewer read, the release folders, the
  // command line on top.
  ['output'],
  ['review'],
  ['release'],
  ['cli'],
];

/** Edges inside one layer that are not allowed either: per-cloud code stays in its folder. */
const SEPARATE = new Set(['aws', 'gcp', 'azure']);

const LIB = join(__dirname, '..', 'lib');
const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
const sources = readdirSync(LIB, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.split('\\').join('/'));
const folderOf = (path: string) => path.split('/')[0];

/** Every folder-to-folder import, as `from -> to (file: specifier)`. */
const edges = sources.flatMap((file) => {
  const text = readFileSync(join(LIB, file), 'utf8');
  return [...text.matchAll(/(?:from|require\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => {
    const target = relative(LIB, normalize(join(LIB, dirname(file), m[1])))
      .split('\\')
      .join('/');
    return { from: folderOf(file), to: folderOf(target), where: `${file}: ${m[1]}` };
  });
});

describe('layers of lib/', () => {
  test('every folder of lib/ has a layer, and every file is in a folder', () => {
    expect(sources.filter((f) => !f.includes('/'))).toEqual([]);
    expect([...new Set(sources.map(folderOf))].filter((f) => !layerOf.has(f))).toEqual([]);
  });

  test('no import reaches a higher layer, and per-cloud folders do not import each other', () => {
    const wrong = edges
      .filter((e) => e.from !== e.to)
      .filter((e) => layerOf.get(e.to)! > layerOf.get(e.from)! || (SEPARATE.has(e.from) && SEPARATE.has(e.to)))
      .map((e) => `${e.from} -> ${e.to} (${e.where})`);
    expect(wrong).toEqual([]);
  });

  test('the check sees the imports (it can fail)', () => {
    expect(edges.some((e) => e.from === 'cli' && e.to === 'release')).toBe(true);
    expect(edges.length).toBeGreaterThan(200);
  });
});
