import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { loadSpec, parseSpec } from '../../lib/input/load-spec';
import { MAX_NESTING } from '../../lib/core/nesting';
import { VALID_SPEC } from '../support/fixtures';

const ids = builtInCatalog().ids;
const parse = (text: string) => () => parseSpec(text, 'spec.yaml', ids);

/** Runs `body` and returns how long it took, in milliseconds. */
function timed(body: () => void): number {
  const start = performance.now();
  body();
  return performance.now() - start;
}

describe('hostile YAML', () => {
  test('a billion-laughs alias bomb is refused quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const bomb = `${VALID_SPEC}${levels.join('\n')}\n`;
    expect(timed(() => expect(parse(bomb)).toThrow(/aliases are limited to 100/))).toBeLessThan(1000);
  });

  test('a 10 MB file is refused before it is read, with its size limit', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'alien-trust-big-')), 'spec.yaml');
    writeFileSync(file, `${VALID_SPEC}description: "${'x'.repeat(10 * 1024 * 1024)}"\n`);
    expect(
      timed(() => expect(() => loadSpec(file, ids)).toThrow(`${file}:1:1: the file is larger than 1048576 bytes (1 MiB)`)),
    ).toBeLessThan(1000);
  });

  test.each([100, 20_000])('%i nested brackets are refused at the first level too deep, and parsing still works after', (depth) => {
    const text = `${VALID_SPEC}description: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    expect(parse(text)).toThrow(`spec.yaml:12:${14 + MAX_NESTING}: YAML: nested more than ${MAX_NESTING} levels deep`);
    expect(parse(VALID_SPEC)).not.toThrow();
  });

  test('deep block nesting is refused the same way', () => {
    const text = `${VALID_SPEC}description:\n${Array.from({ length: 100 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} x\n`;
    expect(parse(text)).toThrow(/YAML: nested more than 64 levels deep/);
  });

  test('a duplicate key is refused with its line', () => {
    expect(parse(`${VALID_SPEC}name: other\n`)).toThrow(/^spec\.yaml:12:1: YAML: Map keys must be unique/);
  });

  test('a tab-indented, half-written document gives one YAML error with its line', () => {
    expect(parse('name: x\nmanagingIdentity:\n\taws: {')).toThrow(/^spec\.yaml:3:\d+: YAML: /);
  });
});
