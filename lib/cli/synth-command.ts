import { join } from 'node:path';
import { buildRelease, releaseWarnings } from '../release/build-release';
import { compareRelease, readRelease } from '../release/release-folder';
import { updateVersionsIndex } from '../release/versions-index';
import { writeRelease } from '../output/write-release';
import { SpecError } from '../spec/spec-error';
import { loadModel, parseClouds, specPath } from './spec-options';
import type { Io } from './io';
import { UsageError } from './usage-error';

/** Where published releases live: `templates/<name>/v<version>/`. */
export const TEMPLATES_DIR = 'templates';

export function releaseDir(name: string, version: string): string {
  return join(TEMPLATES_DIR, name, `v${version}`);
}

export interface SynthOptions {
  readonly spec?: string;
  readonly out?: string;
  readonly cloud?: string;
}

/**
 * `alien-trust synth`: validates the spec, renders every cloud in memory, then writes the
 * release folder in one step. Without `--out` it publishes `templates/<name>/v<version>/`,
 * which is immutable once written.
 */
export async function synthCommand(options: SynthOptions, io: Io): Promise<number> {
  const specFile = specPath(options.spec);
  if (options.cloud !== undefined && options.out === undefined) {
    throw new UsageError('--cloud needs --out DIR: a published release holds every cloud of the spec');
  }
  const { model, text } = await loadModel(specFile, parseClouds(options.cloud));
  const files = buildRelease(model, text);
  const warnings = releaseWarnings(files);
  const out = options.out ?? releaseDir(model.name, model.version);
  if (options.out === undefined) {
    const published = readRelease(out);
    const changed = published ? compareRelease(files, published) : [];
    if (changed.length > 0) {
      throw SpecError.of(
        specFile,
        `version ${model.version} is published in ${out} and the spec now produces different ${changed.map((c) => c.path).join(', ')}; bump "version" to publish a new release`,
        'version',
      );
    }
  }
  writeRelease(out, files);
  if (options.out === undefined) updateVersionsIndex(join(TEMPLATES_DIR, model.name), model.version);
  io.out(`Wrote ${out}: ${[...files.keys()].join(', ')}`);
  for (const warning of warnings) io.err(`warning: ${warning}`);
  return 0;
}
