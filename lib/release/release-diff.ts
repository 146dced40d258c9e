import { type Cloud, CLOUDS } from '../core/variables';
import type { ReleaseFiles } from '../output/generate';
import { changedFiles, type FileChange, formatFileChanges } from './changed-files';
import { releaseFacts } from './release-facts';
import { formatReplacements, replacements, type Replacement } from './replacements';

/** A cloud's grants that NEW adds and removes. */
export interface GrantChange {
  readonly added: string[];
  readonly removed: string[];
}

/** Per cloud its grant changes (by the cloud's name, first in the JSON), then the rest. */
export type ReleaseDiff = { readonly [C in Cloud]: GrantChange } & ReleaseChanges;

interface ReleaseChanges {
  /** Changes to who may get in and how: principal, external id, session length, issuer, subject, audience. */
  readonly trust: { field: string; old: string | null; new: string | null }[];
  /** Resources the upgrade would replace instead of updating in place. */
  readonly replacements: Replacement[];
  /** Every file that differs, besides the manifest, with the JSON paths that do. */
  readonly files: FileChange[];
}

/** What NEW grants and trusts that OLD did not, and the reverse. */
export function diffReleases(oldFiles: ReleaseFiles, newFiles: ReleaseFiles): ReleaseDiff {
  const before = releaseFacts(oldFiles);
  const after = releaseFacts(newFiles);
  const change = (cloud: Cloud): GrantChange => ({
    added: after.grants[cloud].filter((g) => !before.grants[cloud].includes(g)),
    removed: before.grants[cloud].filter((g) => !after.grants[cloud].includes(g)),
  });
  const fields = [...new Set([...Object.keys(before.trust), ...Object.keys(after.trust)])].sort();
  return {
    ...(Object.fromEntries(CLOUDS.map((cloud) => [cloud, change(cloud)])) as Record<Cloud, GrantChange>),
    trust: fields
      .filter((f) => before.trust[f] !== after.trust[f])
      .map((field) => ({ field, old: before.trust[field] ?? null, new: after.trust[field] ?? null })),
    replacements: replacements(oldFiles, newFiles),
    files: changedFiles(oldFiles, newFiles),
  };
}

/** Whether the upgrade replaces anything: the gate of `--fail-on-replacement`. */
export function isReplacing(diff: ReleaseDiff): boolean {
  return diff.replacements.length > 0;
}

/** Whether NEW grants or trusts anything OLD did not: the approval gate of `--fail-on-expansion`. */
export function isExpansion(diff: ReleaseDiff): boolean {
  return diff.trust.length > 0 || CLOUDS.some((cloud) => diff[cloud].added.length > 0);
}

export function formatDiff(diff: ReleaseDiff): string {
  const lines: string[] = [];
  for (const cloud of CLOUDS) {
    const { added, removed } = diff[cloud];
    lines.push(`${cloud}: ${added.length} added, ${removed.length} removed`);
    lines.push(...added.map((g) => `  + ${g}`), ...removed.map((g) => `  - ${g}`));
  }
  lines.push(`trust: ${diff.trust.length === 0 ? 'unchanged' : `${diff.trust.length} changed`}`);
  for (const t of diff.trust) lines.push(`  ~ ${t.field}: ${t.old ?? '(none)'} -> ${t.new ?? '(none)'}`);
  lines.push(...formatReplacements(diff.replacements));
  lines.push(...formatFileChanges(diff.files));
  return lines.join('\n');
}
