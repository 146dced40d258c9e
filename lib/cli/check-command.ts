import { buildRelease } from '../release/build-release';
import { driftLines, driftMessage, releaseDrift } from '../release/release-drift';
import { compareRelease, readRelease } from '../release/release-folder';
import { defineCommand, SPEC_OPTION, type OptionValues } from './command';
import { EXIT_CODES } from './exit-codes';
import type { Io } from './io';
import { releaseDir, shown, specPath } from './project-paths';
import { loadModel } from './spec-options';

const OPTIONS = [SPEC_OPTION] as const;

export const check = defineCommand({
  name: 'check',
  summary: "Regenerate the spec's current version in memory and compare it with templates/<name>/v<version>/.",
  description: [
    'Exit 0 when they are identical; exit 1 naming each file that differs or is missing, and the fix: restore a folder edited by hand, or give a changed spec a new version.',
  ],
  options: OPTIONS,
  handler: checkCommand,
});

/**
 * `alien-trust check`: regenerates the current version in memory and compares it with the
 * committed release folder. Exit 0 when identical, 1 naming each file that drifted and the
 * fix: restore a folder edited by hand, bump the version for a changed spec.
 */
async function checkCommand(options: OptionValues<typeof OPTIONS>, io: Io): Promise<number> {
  const specFile = specPath(options.spec);
  const { model, spec } = await loadModel(specFile);
  const folder = releaseDir(specFile, model.name, model.version);
  const expected = buildRelease(model, spec);
  const actual = readRelease(folder);
  const drift = releaseDrift(expected, actual);
  if (drift.kind === 'none') {
    io.out(`${shown(folder)} is up to date (${expected.size} files)`);
    return 0;
  }
  // The hint repeats the options given, so it can be pasted as it is.
  const synth = `npx alien-trust synth${options.spec === undefined ? '' : ` --spec ${options.spec}`}`;
  const lines = driftLines(drift, compareRelease(expected, actual ?? new Map()));
  io.err(
    `${driftMessage(drift, { dir: shown(folder), version: model.version, spec: shown(specFile), synth })}${lines.length > 0 ? ':' : ''}`,
  );
  for (const line of lines) io.err(line);
  return EXIT_CODES.failed.code;
}
