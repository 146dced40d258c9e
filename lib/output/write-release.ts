import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ReleaseFiles } from './generate';

/**
 * Replaces `dir` with exactly `files`, atomically as far as the file system allows: the new
 * content is written to a temporary folder beside it and renamed into place, so a failure
 * at any point leaves the previous folder as it was.
 */
export function writeRelease(dir: string, files: ReleaseFiles): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(dir)}.new-`));
  try {
    for (const [path, content] of files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), content);
    }
    if (existsSync(dir)) {
      const old = `${staging}.old`;
      renameSync(dir, old);
      try {
        renameSync(staging, dir);
      } catch (e) {
        renameSync(old, dir);
        throw e;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(staging, dir);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
