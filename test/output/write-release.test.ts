import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as azure from '../../lib/azure/synth-azure';
import { writeRelease } from '../../lib/output/write-release';
import { readRelease } from '../../lib/release/release-folder';
import { fixturePath } from '../support/fixtures';
import { run } from '../support/run-cli';

/** A folder holding a previous release, and the folder around it (to spot leftovers). */
async function previousRelease(): Promise<{ parent: string; out: string; before: Map<string, string> }> {
  const parent = mkdtempSync(join(tmpdir(), 'alien-trust-atomic-'));
  const out = join(parent, 'release');
  expect((await run('synth', '--spec', fixturePath('aws-only'), '--out', out)).code).toBe(0);
  return { parent, out, before: readRelease(out)! };
}

/** The module object lib/ calls into (a TypeScript namespace import would be a frozen copy). */
const fs: typeof import('node:fs') = require('node:fs');

afterEach(() => jest.restoreAllMocks());

describe('atomic output', () => {
  test('a failure in the last cloud leaves the previous release exactly as it was', async () => {
    const { parent, out, before } = await previousRelease();
    jest.spyOn(azure, 'synthAzure').mockImplementation(() => {
      throw new Error('forced failure in the Azure renderer');
    });
    const result = await run('synth', '--spec', fixturePath('full'), '--out', out);
    expect(result.code).toBe(1);
    expect(result.err).toContain('forced failure in the Azure renderer');
    expect(readRelease(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['release']);
  });

  test('a failure while writing the third file leaves the previous release and no staging folder', async () => {
    const { parent, out, before } = await previousRelease();
    const write = fs.writeFileSync;
    let calls = 0;
    jest.spyOn(fs, 'writeFileSync').mockImplementation((...args: Parameters<typeof fs.writeFileSync>) => {
      if (++calls === 3) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return write(...args);
    });
    expect(() =>
      writeRelease(
        out,
        new Map([
          ['a.json', '1'],
          ['b/c.json', '2'],
          ['d.json', '3'],
        ]),
      ),
    ).toThrow('ENOSPC');
    expect(readRelease(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['release']);
  });

  test('a failure at the final rename puts the previous release back', async () => {
    const { parent, out, before } = await previousRelease();
    const rename = fs.renameSync;
    jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(from).includes('.new-') && !String(from).endsWith('.old')) throw new Error('EXDEV: cross-device link not permitted');
      return rename(from, to);
    });
    expect(() => writeRelease(out, new Map([['a.json', '1']]))).toThrow('EXDEV');
    expect(readRelease(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['release']);
  });

  test('replaces the previous release with exactly the new files', async () => {
    const { out } = await previousRelease();
    writeRelease(out, new Map([['only.json', '{}\n']]));
    expect(readRelease(out)).toEqual(new Map([['only.json', '{}\n']]));
  });
});
