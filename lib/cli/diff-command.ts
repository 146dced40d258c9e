import { existsSync, statSync } from 'node:fs';
import { MANIFEST_FILE } from '../release/manifest';
import { diffReleases, formatDiff, isExpansion, isReplacing, type ReleaseDiff } from '../release/release-diff';
import { readRelease } from '../release/release-folder';
import type { ReleaseFiles } from '../output/generate';
import type { Io } from './io';
import { UsageError } from './usage-error';

export interface DiffOptions {
  readonly json?: boolean;
  readonly 'fail-on-expansion'?: boolean;
  readonly 'fail-on-replacement'?: boolean;
}

/** The exit code of a failed gate, as main.ts's usage text maps them: 1 a failed check or gate. */
const GATE_FAILED = 1;

/**
 * `alien-trust diff OLD NEW`: permissions and trust that changed between two release folders.
 * A gate that fails says why on stderr, one line per reason, and exits 1.
 */
export function diffCommand(options: DiffOptions, io: Io, [oldDir, newDir]: string[]): number {
  const diff = diffReleases(releaseAt(oldDir), releaseAt(newDir));
  io.out(options.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
  const reasons = [
    ...(options['fail-on-expansion'] && isExpansion(diff) ? expansionReasons(diff, newDir) : []),
    ...(options['fail-on-replacement'] && isReplacing(diff) ? replacementReasons(diff) : []),
  ];
  for (const reason of reasons) io.err(reason);
  return reasons.length > 0 ? GATE_FAILED : 0;
}

/** Why `--fail-on-expansion` failed: each cloud that grants more, and each trust field that changed. */
function expansionReasons(diff: ReleaseDiff, newDir: string): string[] {
  const reasons: string[] = [];
  for (const cloud of ['aws', 'gcp', 'azure'] as const) {
    const { added } = diff[cloud];
    if (added.length > 0)
      reasons.push(
        `--fail-on-expansion: ${cloud}: ${newDir} grants ${added.length} permission${added.length === 1 ? '' : 's'} the old release did not (first: ${added[0]})`,
      );
  }
  for (const { field, old, new: now } of diff.trust)
    reasons.push(`--fail-on-expansion: trust changed: ${field}: ${old ?? '(none)'} -> ${now ?? '(none)'}`);
  return reasons;
}

/** Why `--fail-on-replacement` failed: each resource the upgrade would replace. */
function replacementReasons(diff: ReleaseDiff): string[] {
  return diff.replacements.map(
    (r) =>
      `--fail-on-replacement: ${r.cloud} ${r.resource}${r.properties.length > 0 ? ` (${r.properties.join(', ')} changed)` : ''} would be replaced: ${r.consequence}`,
  );
}

function releaseAt(dir: string): ReleaseFiles {
  if (!existsSync(dir)) throw new UsageError(`${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is a file; diff compares two release folders`);
  const files = readRelease(dir);
  if (!files?.has(MANIFEST_FILE)) throw new UsageError(`${dir} is not a release folder (no ${MANIFEST_FILE})`);
  return files;
}
