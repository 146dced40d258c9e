import { buildRelease } from '../release/build-release';
import { compareRelease, readRelease } from '../release/release-folder';
import type { Io } from './io';
import { loadModel, specPath } from './spec-options';
import { releaseDir } from './synth-command';

export interface CheckOptions {
  readonly spec?: string;
}

/**
 * `alien-trust check`: regenerates the current version in memory and compares it with the
 * committed release folder. Exit 0 when identical, 1 naming each file that drifted.
 */
export async function checkCommand(options: CheckOptions, io: Io): Promise<number> {
  const { model, text } = await loadModel(specPath(options.spec));
  const dir = releaseDir(model.name, model.version);
  const expected = buildRelease(model, text);
  const problems = compareRelease(expected, readRelease(dir) ?? new Map());
  if (problems.length === 0) {
    io.out(`${dir} is up to date (${expected.size} files)`);
    return 0;
  }
  io.err(`${dir} is not what ${specPath(options.spec)} generates; run "npx alien-trust synth" (and bump "version" if ${dir} was published):`);
  for (const { path, problem } of problems) io.err(`  ${path}: ${problem}`);
  return 1;
}
