import type { AwsStatementSpec } from '../../catalog/permission-set-schema';

/**
 * IAM's answer for one request against a set's statements, for the condition operators the
 * catalog uses. Values are already rendered (variables filled in). Enough to show that a set
 * allows the calls it exists for and refuses another deployment's resources; not a general
 * policy simulator.
 */
export interface AwsRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string>>;
}

/** IAM's glob: `*` any run of characters, `?` any one. */
export function iamGlob(pattern: string, value: string, ignoreCase = false): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, ignoreCase ? 'is' : 's').test(value);
}

const OPERATORS: Record<string, (actual: string | undefined, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringLike: (a, e) => a !== undefined && iamGlob(e, a),
  ArnEquals: (a, e) => a === e,
  ArnLike: (a, e) => a !== undefined && iamGlob(e, a),
  Bool: (a, e) => a === e,
  Null: (a, e) => (a === undefined) === (e === 'true'),
};

export function allows(statements: readonly AwsStatementSpec[], request: AwsRequest): boolean {
  return statements.some(
    (s) =>
      s.actions.some((a) => iamGlob(a, request.action, true)) &&
      s.resources.some((r) => iamGlob(r, request.resource)) &&
      Object.entries(s.conditions ?? {}).every(([qualified, entries]) => {
        // `ForAllValues:` and `ForAnyValue:` (keys with several values, such as events:TargetArn):
        // a request here carries one value per key, which the operator tests; a key the request
        // does not carry passes `ForAllValues` (as in IAM, hence a `Null` check beside it) and
        // fails `ForAnyValue`.
        const [set, operator] = qualified.includes(':') ? qualified.split(':') : [undefined, qualified];
        if (set !== undefined && set !== 'ForAllValues' && set !== 'ForAnyValue')
          throw new Error(`the evaluator does not know ${qualified}`);
        // `…IfExists`: a key the request does not carry passes; one it carries must match.
        const ifExists = operator.endsWith('IfExists') && operator !== 'Null';
        const test = OPERATORS[ifExists ? operator.slice(0, -'IfExists'.length) : operator];
        if (!test) throw new Error(`the evaluator does not know ${qualified}`);
        return Object.entries(entries).every(([key, value]) => {
          if (set && request.context[key] === undefined) return set === 'ForAllValues';
          if (ifExists && request.context[key] === undefined) return true;
          const values = typeof value === 'boolean' ? [String(value)] : Array.isArray(value) ? value : [value];
          return values.some((v) => test(request.context[key], v));
        });
      }),
  );
}
