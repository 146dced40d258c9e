import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustModel } from '../model/trust-model';
import type { ReleaseFiles } from '../output/generate';
import { toJson } from '../output/generate';
import { PACKAGE_ROOT } from '../package-root';
import { grantedPermissions } from './granted-permissions';

export const MANIFEST_FILE = 'manifest.json';

const GENERATOR: { name: string; version: string } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The release's manifest: what generated it from which spec, every file with its hash and
 * size, and the permissions granted per cloud.
 */
export function manifestFor(model: TrustModel, specText: string, files: ReleaseFiles): string {
  return toJson({
    name: model.name,
    version: model.version,
    generator: { name: GENERATOR.name, version: GENERATOR.version },
    specSha256: sha256(specText),
    files: [...files.keys()].sort().map((path) => ({ path, sha256: sha256(files.get(path)!), size: Buffer.byteLength(files.get(path)!) })),
    permissions: grantedPermissions(model),
  });
}
