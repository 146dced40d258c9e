import { permissionsReview } from '../review/permissions-review';
import { defineCommand, SPEC_OPTION, type OptionValues } from './command';
import type { Io } from './io';
import { specPath } from './project-paths';
import { loadModel } from './spec-options';

const OPTIONS = [SPEC_OPTION] as const;

export const explain = defineCommand({
  name: 'explain',
  summary:
    'Print the permissions review a release carries as PERMISSIONS.md: who can get in, with what, for how long, and how to revoke it.',
  options: OPTIONS,
  handler: explainCommand,
});

/** `alien-trust explain`: the permissions review (PERMISSIONS.md of a release) on the terminal. */
async function explainCommand(options: OptionValues<typeof OPTIONS>, io: Io): Promise<number> {
  const { model } = await loadModel(specPath(options.spec));
  io.out(permissionsReview(model).trimEnd());
  return 0;
}
