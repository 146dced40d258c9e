import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec } from '../input/load-spec';
import { builtInCatalog } from '../catalog/catalog';
import { previousRelease, VERSIONS_FILE } from '../release/versions-index';
import { defineCommand, SPEC_OPTION, type OptionValues } from './command';
import type { Io } from './io';
import { releaseDir, shown, specPath } from './project-paths';

const OPTIONS = [SPEC_OPTION] as const;

export const releaseInfo = defineCommand({
  name: 'release-info',
  summary: "The spec's name, version and release folder, and the release before it (pre-releases skipped), as JSON for a release workflow.",
  options: OPTIONS,
  handler: releaseInfoCommand,
});

/**
 * The git tag and GitHub release of one version of one product: `<name>-v<version>`. The name is
 * in it because one repository can release several products, each with its own 1.0.0.
 */
function releaseTag(name: string, version: string): string {
  return `${name}-v${version}`;
}

/**
 * `alien-trust release-info`: what a release workflow needs to know about the spec's current
 * version, as JSON: its name, version, release tag, folder, and the release before it
 * (pre-releases skipped, so a customer's upgrade diff is against what they could have installed).
 */
function releaseInfoCommand(options: OptionValues<typeof OPTIONS>, io: Io): number {
  const specFile = specPath(options.spec);
  const { spec } = loadSpec(shown(specFile), builtInCatalog().ids);
  const dir = releaseDir(specFile, spec.name, spec.version);
  const index = join(dir, '..', VERSIONS_FILE);
  const versions: string[] = existsSync(index) ? JSON.parse(readFileSync(index, 'utf8')).versions : [];
  const previous = previousRelease(versions, spec.version);
  io.out(
    JSON.stringify({
      name: spec.name,
      version: spec.version,
      tag: releaseTag(spec.name, spec.version),
      prerelease: spec.version.includes('-'),
      dir: shown(dir),
      previous: previous ?? null,
      previousTag: previous === undefined ? null : releaseTag(spec.name, previous),
      previousDir: previous === undefined ? null : shown(join(dir, '..', `v${previous}`)),
    }),
  );
  return 0;
}
