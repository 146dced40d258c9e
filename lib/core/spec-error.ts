/** Where a problem in a YAML file is, in the form editors and CI logs understand. */
export interface SourcePosition {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly col: number;
}

/** One problem with the user's input, reported as `FILE:LINE:COL: path: message`. */
export interface SpecIssue {
  readonly position: SourcePosition;
  /** Dotted path of the field, e.g. `managingIdentity.aws.roleArn`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

export function formatIssue(issue: SpecIssue): string {
  const { file, line, col } = issue.position;
  const where = issue.path ? `${issue.path}: ` : '';
  return `${file}:${line}:${col}: ${where}${issue.message}`;
}

/**
 * Bad input: the spec (or a command-line argument) is wrong in a way the user must fix.
 * The command line turns it into exit code 2 and writes nothing.
 */
export class SpecError extends Error {
  constructor(public readonly issues: readonly SpecIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'SpecError';
  }

  /** A problem that belongs to no position in a file (a missing file, a bad argument). */
  static of(file: string, message: string, path = ''): SpecError {
    return new SpecError([{ position: { file, line: 1, col: 1 }, path, message }]);
  }
}
