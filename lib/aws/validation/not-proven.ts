/**
 * Raised when a template departs from the shapes this tool emits. It is not a validation error:
 * the template then goes to aws-cdk-lib's full CloudFormation validator, which decides.
 */
export class NotProven extends Error {
  constructor(at: string, why: string) {
    super(`${at || 'template'}: ${why}`);
    this.name = 'NotProven';
  }
}

/** Stops the proof unless `holds`. */
export function expect(holds: boolean, at: string, why: string): asserts holds {
  if (!holds) throw new NotProven(at, why);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object whose keys are all among `allowed` (and include every key of `required`). */
export function expectKeys(
  value: unknown,
  at: string,
  allowed: readonly string[],
  required: readonly string[] = [],
): asserts value is Record<string, unknown> {
  expect(isObject(value), at, 'not an object');
  for (const key of Object.keys(value)) expect(allowed.includes(key), `${at}.${key}`, 'not a key this tool emits');
  for (const key of required) expect(key in value, `${at}.${key}`, 'missing');
}

/** A path segment for messages. */
export function child(at: string, key: string | number): string {
  return at ? `${at}.${key}` : String(key);
}
