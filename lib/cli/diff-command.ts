import { CLOUDS } from '../core/variables';
import { existsSync, statSync } from 'node:fs';
import { MANIFEST_FILE } from '../release/manifest';
import { diffReleases, formatDiff, isExpansion, isReplacing, type ReleaseDiff } from '../release/release-diff';
import { readRelease } from '../release/release-folder';
import type { ReleaseFiles } from '../output/generate';
import { defineCommand, type OptionValues } from './command';
import { EXIT_CODES } from './exit-codes';
import type { Io } from './io';
import { UsageError } from '../core/usage-error';

const OPTIONS = [
  { name: 'json', description: 'Print the diff as JSON.' },
  { name: 'fail-on-expansion', description: 'Exit 1 when NEW grants anything OLD did not, or the trust changed.' },
  { name: 'fail-on-replacement', description: 'Exit 1 when the upgrade would replace a resource instead of updating it in place.' },
] as const;

export const diff = defineCommand({
  name: 'diff',
  summary:
    'Permissions added and removed per cloud, trust changes, and resources the upgrade would replace instead of updating in place, between two release folders.',
  description: ['A gate that fails says why on stderr, one line per reason.'],
  positionals: [
    { name: 'OLD', description: 'The release folder installed now.' },
    { name: 'NEW', description: 'The release folder to upgrade to.' },
  ],
  options: OPTIONS,
  handler: diffCommand,
});

/**
 * `alien-trust diff OLD NEW`: permissions and trust that changed between two release folders.
 * A gate that fails says why on stderr, one line per reason, and exits 1.
 */
function diffCommand(options: OptionValues<typeof OPTIONS>, io: Io, [oldDir, newDir]: string[]): number {
  const diff = diffReleases(releaseAt(oldDir), releaseAt(newDir));
  io.out(options.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
  const reasons = [
    ...(options['fail-on-expansion'] && isExpansion(diff) ? expansionReasons(diff, newDir) : []),
    ...(options['fail-on-replacement'] && isReplacing(diff) ? replacementReasons(diff) : []),
  ];
  for (const reason of reasons) io.err(reason);
  return reasons.length > 0 ? EXIT_CODES.failed.code : EXIT_CODES.success.code;
}

/** Why `--fail-on-expansion` failed: each cloud that grants more, and each trust field that changed. */
function expansionReasons(diff: ReleaseDiff, newDir: string): string[] {
  const reasons: string[] = [];
  for (const cloud of CLOUDS) {
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
