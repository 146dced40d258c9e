import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MANIFEST_FILE } from '../release/manifest';
import { UsageError } from '../core/usage-error';

/** The spec file when neither `--spec` nor ALIEN_TRUST_SPEC names one. */
const DEFAULT_SPEC = 'alien.trust.yaml';

/** Where published releases live, beside the spec's project: `templates/<name>/v<version>/`. */
const TEMPLATES_DIR = 'templates';

/** The nearest folder at or above `from` that holds a package.json, else `from` itself. */
function projectRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(from);
  }
}

/**
 * The spec to read: `--spec`, else ALIEN_TRUST_SPEC (both as typed, against the shell's folder),
 * else alien.trust.yaml at the root of the project the shell is in, so a command run from a
 * subfolder reads the same spec as one run at the top.
 */
export function specPath(flag: string | undefined, cwd = process.cwd()): string {
  const given = flag ?? process.env.ALIEN_TRUST_SPEC;
  return given !== undefined ? resolve(cwd, given) : join(projectRoot(cwd), DEFAULT_SPEC);
}

/** The project's published releases: `templates/` beside the spec's package.json. */
export function templatesDir(specFile: string): string {
  return join(projectRoot(dirname(specFile)), TEMPLATES_DIR);
}

export function releaseDir(specFile: string, name: string, version: string): string {
  return join(templatesDir(specFile), name, `v${version}`);
}

/** A path as the user reads it in a message: relative to the shell's folder when inside it. */
export function shown(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function isWithin(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * `--out` may name only a folder that does not exist, an empty folder, or a folder this tool
 * wrote before (`written` says how to recognise one): the folder is replaced whole, so anything
 * else would be lost. The project root, its published releases and the shell's folder (or one
 * above it) are refused outright. Throws a UsageError naming the path.
 */
export function checkOutDir(
  out: string,
  specFile: string,
  written: (dir: string) => boolean = isReleaseFolder,
  cwd = process.cwd(),
): string {
  const dir = resolve(cwd, out);
  const refuse = (why: string) => {
    throw new UsageError(`--out ${out}: ${why}; name a new or empty folder, or one this command wrote before`);
  };
  if (isWithin(cwd, dir)) refuse('is the current folder or one above it');
  if (dir === projectRoot(dirname(specFile))) refuse('is the project root');
  if (isWithin(dir, templatesDir(specFile))) refuse('is inside templates/, where published releases live (synth without --out publishes)');
  if (!existsSync(dir)) return dir;
  if (!statSync(dir).isDirectory()) refuse('is a file, not a folder');
  const entries = readdirSync(dir);
  if (entries.length === 0 || written(dir)) return dir;
  return refuse('holds files this tool did not write');
}

/** A release folder synth wrote: its manifest names this tool. */
function isReleaseFolder(dir: string): boolean {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')).generator?.name === 'alien-trust';
  } catch {
    return false;
  }
}
