import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../support/fixtures';
import { run } from '../support/run-cli';

describe('alien-trust explain', () => {
  test('prints the PERMISSIONS.md that synth writes beside the templates', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'alien-trust-explain-')), 'release');
    expect((await run('synth', '--spec', fixturePath('custom-sets'), '--out', out)).code).toBe(0);
    const explained = await run('explain', '--spec', fixturePath('custom-sets'));
    expect(explained.code).toBe(0);
    expect(`${explained.out}\n`).toBe(readFileSync(join(out, 'PERMISSIONS.md'), 'utf8'));
    expect(explained.out).toContain('### `reports/export`');
    expect(explained.out).toContain('(defined in the trust spec)');
  });

  test('exits 2 on a bad spec', async () => {
    expect(await run('explain', '--spec', 'missing.yaml')).toMatchObject({ code: 2, err: expect.stringContaining('spec file not found') });
  });
});
