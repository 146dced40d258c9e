import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { canonicalSpec, sha256 } from '../../lib/release/manifest';
import { parseSpec } from '../../lib/input/load-spec';
import { compareSemverDescending } from '../../lib/release/versions-index';
import { VALID_SPEC } from '../support/fixtures';
import { run } from '../support/run-cli';

/** Runs a test in a fresh project folder holding `alien.trust.yaml`. */
async function inProject(spec: string, body: () => Promise<void>): Promise<void> {
  const cwd = process.cwd();
  process.chdir(mkdtempSync(join(tmpdir(), 'alien-trust-release-')));
  try {
    writeFileSync('alien.trust.yaml', spec);
    await body();
  } finally {
    process.chdir(cwd);
  }
}

const release = 'templates/acme-app/v1.2.3';
const read = (path: string) => readFileSync(path, 'utf8');

describe('publishing a release', () => {
  test('synth with no arguments writes the release folder, its manifest and the versions index', () =>
    inProject(VALID_SPEC, async () => {
      expect((await run('synth')).code).toBe(0);
      const manifest = JSON.parse(read(`${release}/manifest.json`));
      expect(manifest).toMatchObject({
        name: 'acme-app',
        version: '1.2.3',
        generator: { name: 'alien-trust' },
        specCanonicalSha256: sha256(canonicalSpec(parseSpec(VALID_SPEC, 'spec.yaml', builtInCatalog().ids).spec)),
      });
      expect(manifest.files.map((f: any) => f.path)).toEqual([
        'INSTALL.md',
        'PERMISSIONS.md',
        'aws/main.tf.json',
        'aws/module/main.tf.json',
        'aws/template.json',
        'azure/main.tf.json',
        'azure/module/main.tf.json',
        'gcp/main.tf.json',
        'gcp/module/main.tf.json',
      ]);
      for (const file of manifest.files) {
        expect(file.sha256).toBe(sha256(read(`${release}/${file.path}`)));
        expect(file.size).toBe(Buffer.byteLength(read(`${release}/${file.path}`)));
      }
      expect(manifest.permissions.aws).toEqual([
        'logs:DescribeLogStreams',
        'logs:FilterLogEvents',
        'logs:GetLogEvents',
        'logs:GetQueryResults',
        'logs:StartQuery',
        'logs:StopQuery',
      ]);
      expect(manifest.permissions.gcp).toEqual(['logging.logEntries.list', 'logging.logs.list']);
      expect(manifest.permissions.azure.dataActions).toEqual([]);
      expect(JSON.parse(read('templates/acme-app/versions.json'))).toEqual({ latest: '1.2.3', versions: ['1.2.3'] });
    }));

  test('a published version is immutable: a changed spec must bump the version, and nothing is written', () =>
    inProject(VALID_SPEC, async () => {
      expect((await run('synth')).code).toBe(0);
      const before = read(`${release}/aws/template.json`);
      writeFileSync('alien.trust.yaml', VALID_SPEC.replace('[logs/read]', '[logs/read, storage/data-read]'));
      const result = await run('synth');
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/version 1\.2\.3 is published .* bump "version"/);
      expect(read(`${release}/aws/template.json`)).toBe(before);

      writeFileSync(
        'alien.trust.yaml',
        VALID_SPEC.replace('version: 1.2.3', 'version: 1.3.0').replace('[logs/read]', '[logs/read, storage/data-read]'),
      );
      expect((await run('synth')).code).toBe(0);
      expect(JSON.parse(read('templates/acme-app/versions.json'))).toEqual({ latest: '1.3.0', versions: ['1.3.0', '1.2.3'] });
    }));

  test('synth again with an unchanged spec succeeds and changes nothing', () =>
    inProject(VALID_SPEC, async () => {
      expect((await run('synth')).code).toBe(0);
      const before = read(`${release}/manifest.json`);
      expect((await run('synth')).code).toBe(0);
      expect(read(`${release}/manifest.json`)).toBe(before);
    }));
});

describe('a release identifies its spec by meaning', () => {
  test('a comment, quoting or reordered keys change nothing: check passes and synth needs no new version', () =>
    inProject(VALID_SPEC, async () => {
      expect((await run('synth')).code).toBe(0);
      const reformatted = `# The acme trust spec, reviewed 2026-11.\n${VALID_SPEC.replace('version: 1.2.3', "version: '1.2.3'   # bumped by CI")}`;
      writeFileSync('alien.trust.yaml', reformatted.replace(/^(name: .*\n)(version: .*\n)/m, '$2$1'));
      expect((await run('check')).code).toBe(0);
      expect((await run('synth')).code).toBe(0);
    }));

  test('check names the spec it read and repeats --spec in its hint', () =>
    inProject(VALID_SPEC, async () => {
      writeFileSync('other.yaml', VALID_SPEC);
      const result = await run('check', '--spec', 'other.yaml');
      expect(result.code).toBe(1);
      expect(result.err).toBe(`${release} does not exist; run "npx alien-trust synth --spec other.yaml" to write version 1.2.3`);
    }));
});

describe('alien-trust check', () => {
  test('passes when the committed folder is what the spec generates', () =>
    inProject(VALID_SPEC, async () => {
      await run('synth');
      expect(await run('check')).toMatchObject({ code: 0, out: expect.stringContaining('is up to date') });
    }));

  test('exits 1 naming each file edited by hand, and says to restore the folder, not to bump the version', () =>
    inProject(VALID_SPEC, async () => {
      await run('synth');
      writeFileSync(`${release}/gcp/main.tf.json`, '{}\n');
      writeFileSync(`${release}/NOTES.md`, 'mine\n');
      require('node:fs').rmSync(`${release}/azure`, { recursive: true });
      const result = await run('check');
      expect(result.code).toBe(1);
      const [first, ...files] = result.err.split('\n');
      expect(first).toBe(
        `version 1.2.3 is published in ${release}, and files were edited after synth wrote them: NOTES.md (added), azure/main.tf.json (deleted), azure/module/main.tf.json (deleted), gcp/main.tf.json (edited); ` +
          `restore the folder with "git checkout -- ${release}" (or from the commit that published it, if the edit is committed) or "npx alien-trust synth", which writes it back as published (alien.trust.yaml still generates it):`,
      );
      expect(first).not.toContain('bump');
      expect(files).toEqual([
        '  NOTES.md: added',
        '  azure/main.tf.json: deleted',
        '  azure/module/main.tf.json: deleted',
        '  gcp/main.tf.json: edited',
      ]);
    }));

  test('synth, as check suggests, writes a hand-edited folder back as published and says which files it restored', () =>
    inProject(VALID_SPEC, async () => {
      await run('synth');
      const published = read(`${release}/aws/template.json`);
      writeFileSync(`${release}/aws/template.json`, published.replace('"MaxSessionDuration": 3600', '"MaxSessionDuration": 43200'));
      const restored = await run('synth');
      expect(restored.code).toBe(0);
      expect(restored.out).toContain(`Restored ${release} as version 1.2.3 was published, undoing the hand edits: aws/template.json`);
      expect(read(`${release}/aws/template.json`)).toBe(published);
      expect(await run('check')).toMatchObject({ code: 0 });
    }));

  test('a changed spec is told to bump the version, and not to restore anything', () =>
    inProject(VALID_SPEC, async () => {
      await run('synth');
      writeFileSync('alien.trust.yaml', VALID_SPEC.replace('[logs/read]', '[logs/read, storage/data-read]'));
      const result = await run('check');
      expect(result.code).toBe(1);
      expect(result.err.split('\n')[0]).toBe(
        `version 1.2.3 is published in ${release}, and alien.trust.yaml has changed since; bump "version" and run "npx alien-trust synth" to publish a new release (a published folder never changes; if ${release} was never released, delete it and run synth instead):`,
      );
      expect(result.err).toContain('  aws/template.json: differs');
    }));

  test('a hand edit and a changed spec: restore the folder first, then bump the version; synth writes nothing', () =>
    inProject(VALID_SPEC, async () => {
      await run('synth');
      writeFileSync(`${release}/PERMISSIONS.md`, 'edited\n');
      writeFileSync('alien.trust.yaml', VALID_SPEC.replace('[logs/read]', '[logs/read, storage/data-read]'));
      const check = await run('check');
      expect(check.err.split('\n')[0]).toMatch(
        /^version 1\.2\.3 is published in .*, and a file was edited after synth wrote it: PERMISSIONS\.md \(edited\); restore the folder with "git checkout -- .*"[^;]*; then, for what changed in alien\.trust\.yaml, bump "version" and run "npx alien-trust synth":$/,
      );
      expect(check.err).not.toContain('writes it back');
      const synth = await run('synth');
      expect(synth.code).toBe(2);
      expect(synth.err.split('\n')).toHaveLength(1);
      expect(synth.err).toContain('PERMISSIONS.md (edited); restore the folder with "git checkout -- ');
      expect(read(`${release}/PERMISSIONS.md`)).toBe('edited\n');
    }));

  test('a folder another alien-trust wrote from the same spec: neither a hand edit nor a changed spec', () =>
    inProject(VALID_SPEC, async () => {
      await run('synth');
      // As an older generator would have written it: other bytes, recorded in its own manifest.
      const template = read(`${release}/aws/template.json`).replace('"MaxSessionDuration": 3600', '"MaxSessionDuration": 3601');
      writeFileSync(`${release}/aws/template.json`, template);
      const manifest = JSON.parse(read(`${release}/manifest.json`));
      manifest.generator.version = '0.0.9';
      manifest.files = manifest.files.map((f: any) =>
        f.path === 'aws/template.json' ? { ...f, sha256: sha256(template), size: Buffer.byteLength(template) } : f,
      );
      writeFileSync(`${release}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
      const check = await run('check');
      expect(check.code).toBe(1);
      expect(check.err.split('\n')[0]).toMatch(
        /^version 1\.2\.3 is published in .* from this same spec by alien-trust 0\.0\.9, and this alien-trust \(.*\) generates different files; check it with the alien-trust that published it/,
      );
      expect((await run('synth')).code).toBe(2);
      expect(read(`${release}/aws/template.json`)).toBe(template);
    }));

  test('a deleted manifest cannot be written back by synth: restore it from git', () =>
    inProject(VALID_SPEC, async () => {
      await run('synth');
      require('node:fs').rmSync(`${release}/manifest.json`);
      const check = await run('check');
      expect(check.err.split('\n')[0]).toMatch(
        /a file was edited after synth wrote it: manifest\.json \(deleted\); restore the folder with "git checkout -- [^"]*" \(or from the commit that published it, if the edit is committed\):$/,
      );
      const synth = await run('synth');
      expect(synth.code).toBe(2);
      expect(existsSync(`${release}/manifest.json`)).toBe(false);
    }));

  test('exits 1 when nothing was generated yet', () =>
    inProject(VALID_SPEC, async () => {
      expect((await run('check')).code).toBe(1);
      expect(existsSync(release)).toBe(false);
    }));
});

describe('version order', () => {
  test('sorts newest first with pre-releases below their release', async () => {
    expect(['1.0.0', '1.10.0', '1.2.0', '1.10.0-rc.1', '1.10.0-beta.2', '1.10.0-beta.10', '0.9.9'].sort(compareSemverDescending)).toEqual([
      '1.10.0',
      '1.10.0-rc.1',
      '1.10.0-beta.10',
      '1.10.0-beta.2',
      '1.2.0',
      '1.0.0',
      '0.9.9',
    ]);
  });
});
