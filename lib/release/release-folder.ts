import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ReleaseFiles } from '../output/generate';

/** The files of a folder on disk (relative paths with "/"), or undefined when it does not exist. */
export function readRelease(dir: string): ReleaseFiles | undefined {
  if (!existsSync(dir)) return undefined;
  const files: ReleaseFiles = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split(sep).join('/'), readFileSync(path, 'utf8'));
  }
  return files;
}

/** Paths whose bytes differ, that are missing from `actual`, or that `actual` has in excess. */
export function compareRelease(
  expected: ReleaseFiles,
  actual: ReleaseFiles,
): { path: string; problem: 'differs' | 'missing' | 'unexpected' }[] {
  const problems: { path: string; problem: 'differs' | 'missing' | 'unexpected' }[] = [];
  for (const [path, content] of expected) {
    const found = actual.get(path);
    if (found === undefined) problems.push({ path, problem: 'missing' });
    else if (found !== content) problems.push({ path, problem: 'differs' });
  }
  for (const path of actual.keys()) if (!expected.has(path)) problems.push({ path, problem: 'unexpected' });
  return problems.sort((a, b) => (a.path < b.path ? -1 : 1));
}
