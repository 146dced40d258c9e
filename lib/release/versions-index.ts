import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJson } from '../output/generate';

export const VERSIONS_FILE = 'versions.json';

/** `templates/<name>/versions.json`: every published version, newest first. */
export function updateVersionsIndex(nameDir: string, version: string): void {
  const file = join(nameDir, VERSIONS_FILE);
  const known: string[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).versions : [];
  const versions = [...new Set([...known, version])].sort(compareSemverDescending);
  writeFileSync(file, toJson({ latest: versions.find((v) => !v.includes('-')) ?? versions[0], versions }));
}

/** The newest release (not a pre-release) older than `version`, if any. */
export function previousRelease(versions: readonly string[], version: string): string | undefined {
  return [...versions].sort(compareSemverDescending).find((v) => !v.split('+')[0].includes('-') && compareSemverDescending(v, version) > 0);
}

/** Semantic-version precedence, newest first (build metadata ignored, pre-releases below releases). */
export function compareSemverDescending(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split('+')[0].split(/-(.*)/s);
    return { core: core.split('.').map(Number), pre: pre === undefined ? [] : pre.split('.') };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return y.core[i] - x.core[i];
  if (x.pre.length === 0 || y.pre.length === 0) return x.pre.length - y.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const [p, q] = [x.pre[i], y.pre[i]];
    if (p === undefined) return 1;
    if (q === undefined) return -1;
    if (p === q) continue;
    const [pn, qn] = [/^\d+$/.test(p), /^\d+$/.test(q)];
    if (pn && qn) return Number(q) - Number(p);
    if (pn !== qn) return pn ? 1 : -1;
    return p < q ? 1 : -1;
  }
  return 0;
}
