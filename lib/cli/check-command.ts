import { buildRelease } from '../release/build-release';
import { compareRelease, readRelease } from '../release/release-folder';
import type { Io } from './io';
import { releaseDir, shown, specPath } from './project-paths';
import { loadModel } from './spec-options';

export interface CheckOptions {
  readonly spec?: string;
}

/**
 * `alien-trust check`: regenerates the current version in memory and compares it with the
 * committed release folder. Exit 0 when identical, 1 naming each file that drifted.
 */
export async function checkCommand(options: CheckOptions, io: Io): Promise<number> {
  const specFile = specPath(options.spec);
  const { model, spec } = await loadModel(specFile);
  const dir = shown(releaseDir(specFile, model.name, model.version));
  const expected = buildRelease(model, spec);
  const problems = compareRelease(expected, readRelease(releaseDir(specFile, model.name, model.version)) ?? new Map());
  if (problems.length === 0) {
    io.out(`${dir} is up to date (${expected.size} files)`);
    return 0;
  }
  // The hint repeats the options given, so it can be pasted as it is.
  const again = options.spec === undefined ? '' : ` --spec ${options.spec}`;
  io.err(`${dir} is not what ${shown(specFile)} generates; run "npx alien-trust synth${again}" (and bump "version" if ${dir} was published):`);
  for (const { path, problem } of problems) io.err(`  ${path}: ${problem}`);
  return 1;
}
