import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root';

/** The shipped permission lists (see data/README.md). */
export const LISTS_DIR = join(PACKAGE_ROOT, 'lib', 'lists', 'data');

/** The non-empty lines of one list file. */
export function readList(file: string): string[] {
  return readFileSync(join(LISTS_DIR, file), 'utf8').split('\n').filter(Boolean);
}
