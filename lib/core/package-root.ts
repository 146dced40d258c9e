import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding this package's package.json. Data files (the catalog) live beside the
 * sources, and code runs both from `lib/` (tests) and from the compiled `dist/lib/`.
 */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
