import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustModel } from '../model/trust-model';
import type { TrustSpec } from '../input/trust-spec-schema';
import type { ReleaseFiles } from '../output/generate';
import { toJson } from '../output/generate';
import { PACKAGE_ROOT } from '../core/package-root';
import { grantedPermissions } from './granted-permissions';

export const MANIFEST_FILE = 'manifest.json';

const GENERATOR: { name: string; version: string } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The spec by its meaning: the validated spec (defaults filled in) as JSON with sorted keys.
 * Comments, quoting, key order and formatting of the YAML never change it.
 */
export function canonicalSpec(spec: TrustSpec): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
          )
        : value;
  return JSON.stringify(sorted(spec));
}

/**
 * The release's manifest: what generated it from which spec (identified by its meaning, see
 * `canonicalSpec`), every file with its hash and size, and the permissions granted per cloud.
 */
export function manifestFor(model: TrustModel, spec: TrustSpec, files: ReleaseFiles): string {
  return toJson({
    name: model.name,
    version: model.version,
    generator: { name: GENERATOR.name, version: GENERATOR.version },
    specCanonicalSha256: sha256(canonicalSpec(spec)),
    files: [...files.keys()].sort().map((path) => ({ path, sha256: sha256(files.get(path)!), size: Buffer.byteLength(files.get(path)!) })),
    permissions: grantedPermissions(model),
  });
}
