import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { previousRelease } from '../../lib/release/versions-index';
import { VALID_SPEC } from '../support/fixtures';
import { run } from '../support/run-cli';

describe('the previous release', () => {
  test('is the newest older version that is not a pre-release', () => {
    const versions = ['2.1.0', '2.1.0-rc.1', '2.0.1-beta.1', '2.0.0', '1.1.1'];
    expect(previousRelease(versions, '2.1.0')).toBe('2.0.0');
    expect(previousRelease(versions, '2.1.0-rc.1')).toBe('2.0.0');
    expect(previousRelease(versions, '2.0.0')).toBe('1.1.1');
    expect(previousRelease(versions, '1.1.1')).toBeUndefined();
  });
});

describe('alien-trust release-info', () => {
  test("prints the release of the project's alien.trust.yaml and the one before it as JSON", async () => {
    const root = mkdtempSync(join(tmpdir(), 'release-info-default-'));
    writeFileSync(join(root, 'package.json'), '{}\n');
    writeFileSync(join(root, 'alien.trust.yaml'), VALID_SPEC);
    mkdirSync(join(root, 'templates', 'acme-app'), { recursive: true });
    writeFileSync(join(root, 'templates', 'acme-app', 'versions.json'), JSON.stringify({ latest: '1.2.3', versions: ['1.2.3', '1.2.2'] }));
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const result = await run('release-info');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toMatchObject({
        name: 'acme-app',
        version: '1.2.3',
        prerelease: false,
        dir: 'templates/acme-app/v1.2.3',
        previous: '1.2.2',
        previousDir: 'templates/acme-app/v1.2.2',
      });
    } finally {
      process.chdir(cwd);
    }
  });

  /** A project of its own with one spec per product, each at `version`. */
  function project(products: Record<string, string>, published: Record<string, string[]> = {}): string {
    const root = mkdtempSync(join(tmpdir(), 'release-info-'));
    writeFileSync(join(root, 'package.json'), '{}\n');
    for (const [name, version] of Object.entries(products)) {
      const spec = VALID_SPEC.replace(/^name: .*$/m, `name: ${name}`).replace(/^version: .*$/m, `version: ${version}`);
      writeFileSync(join(root, `${name}.trust.yaml`), spec);
    }
    for (const [name, versions] of Object.entries(published)) {
      mkdirSync(join(root, 'templates', name), { recursive: true });
      writeFileSync(join(root, 'templates', name, 'versions.json'), JSON.stringify({ latest: versions[0], versions }));
    }
    return root;
  }

  test('names the release tag after the product, so two products at the same version have two tags', async () => {
    const root = project({ 'acme-app': '1.0.0', 'acme-db': '1.0.0' });
    const tags = [];
    for (const name of ['acme-app', 'acme-db']) {
      const result = await run('release-info', '--spec', join(root, `${name}.trust.yaml`));
      expect(result.code).toBe(0);
      const info = JSON.parse(result.out);
      expect(info).toMatchObject({ name, version: '1.0.0', tag: `${name}-v1.0.0`, previous: null, previousTag: null });
      tags.push(info.tag);
    }
    expect(new Set(tags).size).toBe(2);
  });

  test("names the previous release's tag the same way, pre-releases skipped", async () => {
    const root = project({ 'acme-app': '1.1.0-rc.1' }, { 'acme-app': ['1.1.0-rc.1', '1.0.1-beta.2', '1.0.0'] });
    const info = JSON.parse((await run('release-info', '--spec', join(root, 'acme-app.trust.yaml'))).out);
    expect(info).toMatchObject({ tag: 'acme-app-v1.1.0-rc.1', prerelease: true, previous: '1.0.0', previousTag: 'acme-app-v1.0.0' });
  });
});
