import { MANIFEST_FILE } from './manifest';
import type { ReleaseFiles } from '../output/generate';

/** A release file that differs between two releases. */
export interface FileChange {
  readonly file: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** For a changed JSON file: the paths whose values differ (at most MAX_PATHS, then a count). */
  readonly paths?: string[];
}

const MAX_PATHS = 8;

/**
 * Every file that differs, besides the manifest (which records the version, so it always
 * does): what a reviewer reads when the permissions, trust and upgrade are unchanged but the
 * templates are not, such as a reworded description.
 */
export function changedFiles(oldFiles: ReleaseFiles, newFiles: ReleaseFiles): FileChange[] {
  const names = [...new Set([...oldFiles.keys(), ...newFiles.keys()])].filter((f) => f !== MANIFEST_FILE).sort();
  const changes: FileChange[] = [];
  for (const file of names) {
    const before = oldFiles.get(file);
    const after = newFiles.get(file);
    if (before === after) continue;
    if (before === undefined || after === undefined) {
      changes.push({ file, change: before === undefined ? 'added' : 'removed' });
    } else if (file.endsWith('.json')) {
      const paths = differingPaths(JSON.parse(before), JSON.parse(after), '');
      changes.push({
        file,
        change: 'changed',
        paths: paths.length > MAX_PATHS ? [...paths.slice(0, MAX_PATHS), `… ${paths.length - MAX_PATHS} more`] : paths,
      });
    } else {
      changes.push({ file, change: 'changed' });
    }
  }
  return changes;
}

/** The paths at which two JSON values differ, as deep as both are objects or lists. */
function differingPaths(a: unknown, b: unknown, path: string): string[] {
  const container = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!container(a) || !container(b) || Array.isArray(a) !== Array.isArray(b))
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [path || '(whole file)'];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((key) => differingPaths(a[key], b[key], path ? `${path}.${key}` : key));
}

export function formatFileChanges(changes: readonly FileChange[]): string[] {
  if (changes.length === 0) return [`files: unchanged besides ${MANIFEST_FILE}`];
  const sign = { added: '+', removed: '-', changed: '~' } as const;
  return [
    `files: ${changes.length} changed besides ${MANIFEST_FILE}`,
    ...changes.map((c) => `  ${sign[c.change]} ${c.file}${c.paths?.length ? `: ${c.paths.join(', ')}` : ''}`),
  ];
}
