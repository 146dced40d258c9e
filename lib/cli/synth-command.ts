import { join } from 'node:path';
import { buildRelease, releaseWarnings } from '../release/build-release';
import { driftMessage, releaseDrift } from '../release/release-drift';
import { readRelease } from '../release/release-folder';
import { updateVersionsIndex } from '../release/versions-index';
import { writeRelease } from '../output/write-release';
import { SpecError } from '../core/spec-error';
import { checkOutDir, releaseDir, shown, specPath } from './project-paths';
import { loadModel, parseClouds } from './spec-options';
import { defineCommand, SPEC_OPTION, type OptionValues } from './command';
import type { Io } from './io';
import { UsageError } from '../core/usage-error';

const OPTIONS = [
  SPEC_OPTION,
  {
    name: 'out',
    value: 'DIR',
    description: 'Write the release to DIR instead of publishing it: a new or empty folder, or one synth wrote before.',
    default: "templates/<name>/v<version>/ beside the spec's project, immutable once published",
  },
  {
    name: 'cloud',
    value: 'CLOUDS',
    description:
      "Only these of the spec's clouds, comma-separated (aws,gcp,azure); needs --out, since a published release holds every cloud.",
    default: 'every cloud of the spec',
  },
] as const;

export const synth = defineCommand({
  name: 'synth',
  summary: 'Generate the templates for a trust spec.',
  description: [
    'Validates the spec, renders every cloud in memory, then writes the release folder in one step; on bad input it writes nothing. A published folder is written again only as it was published (hand edits are restored); a changed spec needs a new version.',
  ],
  options: OPTIONS,
  handler: synthCommand,
});

/**
 * `alien-trust synth`: validates the spec, renders every cloud in memory, then writes the
 * release folder in one step. Without `--out` it publishes `templates/<name>/v<version>/`
 * beside the spec's project, which is immutable once written.
 */
async function synthCommand(options: OptionValues<typeof OPTIONS>, io: Io): Promise<number> {
  const specFile = specPath(options.spec);
  if (options.cloud !== undefined && options.out === undefined) {
    throw new UsageError('--cloud needs --out DIR: a published release holds every cloud of the spec');
  }
  // Checked before any work, so a refused folder costs nothing and is left untouched.
  const outDir = options.out === undefined ? undefined : checkOutDir(options.out, specFile);
  const { model, spec } = await loadModel(specFile, parseClouds(options.cloud));
  const files = buildRelease(model, spec);
  const warnings = releaseWarnings(model, files);
  const out = outDir ?? releaseDir(specFile, model.name, model.version);
  // A published folder is written again only as it was published: unchanged, or restored
  // where it was edited by hand (the spec and this alien-trust reproduce its manifest).
  const drift = outDir === undefined ? releaseDrift(files, readRelease(out)) : undefined;
  if (drift && drift.kind !== 'none' && drift.kind !== 'unwritten' && !(drift.kind === 'edited' && drift.restorable)) {
    const synth = `npx alien-trust synth${options.spec === undefined ? '' : ` --spec ${options.spec}`}`;
    throw SpecError.of(
      shown(specFile),
      driftMessage(drift, { dir: shown(out), version: model.version, spec: shown(specFile), synth }),
      'version',
    );
  }
  writeRelease(out, files);
  if (outDir === undefined) updateVersionsIndex(join(out, '..'), model.version);
  io.out(`Wrote ${shown(out)}: ${[...files.keys()].join(', ')}`);
  if (drift?.kind === 'edited') {
    io.out(
      `Restored ${shown(out)} as version ${model.version} was published, undoing the hand edits: ${drift.edits.map((e) => e.path).join(', ')} (a change to a release goes in the spec, with a new "version")`,
    );
  }
  for (const warning of warnings) io.err(warning);
  return 0;
}
