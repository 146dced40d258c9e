import { existsSync, statSync } from 'node:fs';
import { MANIFEST_FILE } from '../release/manifest';
import { diffReleases, formatDiff, isExpansion, isReplacing } from '../release/release-diff';
import { readRelease } from '../release/release-folder';
import type { ReleaseFiles } from '../output/generate';
import type { Io } from './io';
import { UsageError } from './usage-error';

export interface DiffOptions {
  readonly json?: boolean;
  readonly 'fail-on-expansion'?: boolean;
  readonly 'fail-on-replacement'?: boolean;
}

/** `alien-trust diff OLD NEW`: permissions and trust that changed between two release folders. */
export function diffCommand(options: DiffOptions, io: Io, [oldDir, newDir]: string[]): number {
  const diff = diffReleases(releaseAt(oldDir), releaseAt(newDir));
  io.out(options.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
  const failed = (options['fail-on-expansion'] && isExpansion(diff)) || (options['fail-on-replacement'] && isReplacing(diff));
  return failed ? 1 : 0;
}

function releaseAt(dir: string): ReleaseFiles {
  if (!existsSync(dir)) throw new UsageError(`${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is a file; diff compares two release folders`);
  const files = readRelease(dir);
  if (!files?.has(MANIFEST_FILE)) throw new UsageError(`${dir} is not a release folder (no ${MANIFEST_FILE})`);
  return files;
}
