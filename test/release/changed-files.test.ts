import { join } from 'node:path';
import { changedFiles, formatFileChanges } from '../../lib/release/changed-files';
import { readRelease } from '../../lib/release/release-folder';
import { FIXTURES } from '../support/fixtures';

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('changedFiles', () => {
  test('names added, removed and changed files, with the JSON paths that differ, and never the manifest', () => {
    const before = files({
      'manifest.json': '{"version":"1"}',
      'a.json': '{"x":{"y":1,"z":[1,2]},"w":1}',
      'gone.json': '{}',
      'PERMISSIONS.md': 'one',
    });
    const after = files({
      'manifest.json': '{"version":"2"}',
      'a.json': '{"x":{"y":2,"z":[1,3]},"w":1,"v":0}',
      'new.json': '{}',
      'PERMISSIONS.md': 'two',
    });
    expect(changedFiles(before, after)).toEqual([
      { file: 'PERMISSIONS.md', change: 'changed' },
      { file: 'a.json', change: 'changed', paths: ['x.y', 'x.z.1', 'v'] },
      { file: 'gone.json', change: 'removed' },
      { file: 'new.json', change: 'added' },
    ]);
    expect(changedFiles(before, before)).toEqual([]);
  });

  test('counts the paths past eight', () => {
    const many = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, n])));
    const [change] = changedFiles(files({ 'a.json': many(1) }), files({ 'a.json': many(2) }));
    expect(change.paths).toHaveLength(9);
    expect(change.paths![8]).toBe('… 4 more');
  });

  test("shows what 1.0.1 of the OIDC example changed besides its version: the RoleArn output's wording", () => {
    // Its AWS template and manifest as published, copied to the fixtures.
    const release = (v: string) => readRelease(join(FIXTURES, 'releases', 'alien-app-oidc', v))!;
    const changes = changedFiles(release('v1.0.0'), release('v1.0.1'));
    expect(changes.find((c) => c.file === 'aws/template.json')).toEqual({
      file: 'aws/template.json',
      change: 'changed',
      paths: ['Description', 'Outputs.RoleArn.Description'],
    });
    expect(formatFileChanges(changes)[0]).toBe(`files: ${changes.length} changed besides manifest.json`);
    expect(JSON.parse(release('v1.0.1').get('aws/template.json')!).Outputs.RoleArn.Description).toBe('Send this to the vendor.');
  });
});
