import { join } from 'node:path';
import { generateTemplates } from '../output/generate';
import { writeRelease } from '../output/write-release';
import { loadModel, parseClouds, specPath } from './spec-options';

export interface SynthOptions {
  readonly spec?: string;
  readonly out?: string;
  readonly cloud?: string;
}

/** `alien-trust synth`: validates the spec, renders every cloud in memory, then writes them all. */
export function synthCommand(options: SynthOptions): string {
  const { model } = loadModel(specPath(options.spec), parseClouds(options.cloud));
  const files = generateTemplates(model);
  const out = options.out ?? join('templates', model.name, `v${model.version}`);
  writeRelease(out, files);
  return `Wrote ${[...files.keys()].map((f) => join(out, f)).join(', ')}`;
}
