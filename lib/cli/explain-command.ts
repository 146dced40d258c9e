import { permissionsReview } from '../review/permissions-review';
import type { Io } from './io';
import { specPath } from './project-paths';
import { loadModel } from './spec-options';

export interface ExplainOptions {
  readonly spec?: string;
}

/** `alien-trust explain`: the permissions review (PERMISSIONS.md of a release) on the terminal. */
export async function explainCommand(options: ExplainOptions, io: Io): Promise<number> {
  const { model } = await loadModel(specPath(options.spec));
  io.out(permissionsReview(model).trimEnd());
  return 0;
}
