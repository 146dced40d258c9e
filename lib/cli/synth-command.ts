import { join } from 'node:path';
import { buildRelease, releaseWarnings } from '../release/build-release';
import { compareRelease, readRelease } from '../release/release-folder';
import { updateVersionsIndex } from '../release/versions-index';
import { writeRelease } from '../output/write-release';
import { SpecError } from '../spec/spec-error';
import { checkOutDir, releaseDir, shown, specPath } from './project-paths';
import { loadModel, parseClouds } from './spec-options';
import type { Io } from './io';
import { UsageError } from './usage-error';

export interface SynthOptions {
  readonly spec?: string;
  readonly out?: string;
  readonly cloud?: string;
}

/**
 * `alien-trust synth`: validates the spec, renders every cloud in memory, then writes the
 * release folder in one step. Without `--out` it publishes `templates/<name>/v<version>/`
 * beside the spec's project, which is immutable once written.
 */
export async function synthCommand(options: SynthOptions, io: Io): Promise<number> {
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
  if (outDir === undefined) {
    const published = readRelease(out);
    const changed = published ? compareRelease(files, published) : [];
    if (changed.length > 0) {
      throw SpecError.of(
        shown(specFile),
        `version ${model.version} is published in ${shown(out)} and the spec now produces different ${changed.map((c) => c.path).join(', ')}; bump "version" to publish a new release`,
        'version',
      );
    }
  }
  writeRelease(out, files);
  if (outDir === undefined) updateVersionsIndex(join(out, '..'), model.version);
  io.out(`Wrote ${shown(out)}: ${[...files.keys()].join(', ')}`);
  for (const warning of warnings) io.err(warning);
  return 0;
}
