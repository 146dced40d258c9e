import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VALID_SPEC } from '../support/fixtures';
import { run } from '../support/run-cli';

/** A project folder (package.json, spec, a published release) that the test runs inside. */
async function inProject(body: (root: string) => Promise<void>): Promise<void> {
  const cwd = process.cwd();
  const root = mkdtempSync(join(tmpdir(), 'alien-trust-out-'));
  writeFileSync(join(root, 'package.json'), '{"name":"vendor-templates","private":true}\n');
  writeFileSync(join(root, 'alien.trust.yaml'), VALID_SPEC);
  process.chdir(root);
  try {
    expect((await run('synth')).code).toBe(0);
    await body(root);
  } finally {
    process.chdir(cwd);
  }
}

const contents = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

describe('synth --out', () => {
  test.each([
    ['.', 'is the current folder or one above it'],
    ['..', 'is the current folder or one above it'],
    ['templates', 'is inside templates/'],
    ['templates/acme-app/v1.2.3', 'is inside templates/'],
  ])('refuses %s, naming it, and leaves everything as it was', (out, why) =>
    inProject(async (root) => {
      const before = contents(root);
      const result = await run('synth', '--out', out, '--cloud', 'aws');
      expect(result.code).toBe(2);
      expect(result.out).toBe('');
      expect(result.err).toMatch(
        new RegExp(`^alien-trust: --out ${out.replace(/\./g, '\\.')}: ${why.replace('/', '\\/')}.*; see "alien-trust --help"$`),
      );
      expect(contents(root)).toEqual(before);
    }),
  );

  test('refuses the project root from a subfolder', () =>
    inProject(async (root) => {
      mkdirSync('sub');
      process.chdir('sub');
      const result = await run('synth', '--out', root);
      expect(result.code).toBe(2);
      expect(result.err).toContain('is the current folder or one above it');
    }));

  test('refuses a file, and leaves it a file', () =>
    inProject(async () => {
      writeFileSync('notes.txt', 'mine\n');
      const result = await run('synth', '--out', 'notes.txt');
      expect(result).toMatchObject({ code: 2, err: expect.stringMatching(/^alien-trust: --out notes\.txt: is a file, not a folder/) });
      expect(readFileSync('notes.txt', 'utf8')).toBe('mine\n');
    }));

  test('refuses a folder holding files it did not write, and keeps them', () =>
    inProject(async () => {
      mkdirSync('docs');
      writeFileSync('docs/guide.md', '# mine\n');
      const result = await run('synth', '--out', 'docs');
      expect(result).toMatchObject({ code: 2, err: expect.stringContaining('--out docs: holds files this tool did not write') });
      expect(contents('docs')).toEqual(['guide.md']);
    }));

  test('writes into a new folder, an empty one, and again into a release folder it wrote', () =>
    inProject(async () => {
      expect((await run('synth', '--out', 'build/new')).code).toBe(0);
      mkdirSync('empty');
      expect((await run('synth', '--out', 'empty')).code).toBe(0);
      expect((await run('synth', '--out', 'build/new')).code).toBe(0);
      expect(contents('build/new')).toContain('manifest.json');
    }));
});

describe('paths resolve against the project, not the shell', () => {
  test('synth run from a subfolder reads the root spec and publishes under the root templates/', () =>
    inProject(async (root) => {
      mkdirSync('test');
      process.chdir('test');
      const result = await run('check');
      expect(result).toMatchObject({ code: 0, out: `${join(root, 'templates/acme-app/v1.2.3')} is up to date (10 files)` });
      expect(existsSync(join(root, 'test', 'templates'))).toBe(false);
    }));
});

describe('file-system problems are bad input: exit 2, one line', () => {
  test('diff given a file or a missing folder', () =>
    inProject(async () => {
      expect(await run('diff', 'alien.trust.yaml', 'templates/acme-app/v1.2.3')).toEqual({
        code: 2,
        out: '',
        err: 'alien-trust: alien.trust.yaml is a file; diff compares two release folders; see "alien-trust --help"',
      });
      expect((await run('diff', 'nowhere', 'templates/acme-app/v1.2.3')).err).toBe(
        'alien-trust: nowhere does not exist; see "alien-trust --help"',
      );
    }));
});
