import { LimitError } from '../core/limit-error';
import { SpecError } from '../core/spec-error';
import { UsageError } from '../core/usage-error';

/**
 * Every exit code alien-trust (and the CDK and CDKTF apps it runs) ends with, and what it means.
 * The one table: the CLI's help, docs/cli.md and `failure` below read it.
 */
export const EXIT_CODES = {
  success: { code: 0, meaning: 'success' },
  failed: {
    code: 1,
    meaning:
      'a check or gate failed (check: the release folder differs; diff: a --fail-on-* gate), register --respond could not answer CloudFormation, or an internal error',
  },
  badInput: {
    code: 2,
    meaning: 'bad input (the spec, an argument or a file): one line per problem, naming it and the fix; nothing written',
  },
} as const;

/** What a file-system error on a path the user gave means, in plain words. */
const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'is not a folder (or a part of the path is a file)',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EBUSY: 'is busy (in use by another program, or the current folder)',
  EEXIST: 'already exists',
  ENOTEMPTY: 'is not empty',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'no space left on the device',
};

/**
 * The one mapping from a thrown error to what the user reads on stderr and the exit code: bad
 * input (a spec, a limit, a command line, a path) is exit 2 with its message; anything else is
 * a bug, exit 1 with its stack.
 */
export function failure(e: unknown): { code: number; message: string } {
  if (e instanceof SpecError || e instanceof LimitError) return { code: EXIT_CODES.badInput.code, message: e.message };
  if (e instanceof UsageError) return { code: EXIT_CODES.badInput.code, message: `alien-trust: ${e.message}; see "alien-trust --help"` };
  const { code, path } = e as NodeJS.ErrnoException;
  const fileProblem = FILE_PROBLEMS[code ?? ''];
  if (fileProblem && path) return { code: EXIT_CODES.badInput.code, message: `alien-trust: ${path}: ${fileProblem}` };
  return { code: EXIT_CODES.failed.code, message: `alien-trust: internal error: ${(e as Error)?.stack ?? e}` };
}
