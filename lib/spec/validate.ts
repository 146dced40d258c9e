import type { z } from 'zod';
import { didYouMean } from './did-you-mean';
import { SpecError, type SpecIssue } from './spec-error';
import type { PathSegment, YamlSource } from './yaml-source';

/**
 * Validates a parsed YAML document against a schema and returns the typed value, or throws
 * one SpecError listing every problem with its line and column.
 */
export function validate<T extends z.ZodType>(source: YamlSource, schema: T): z.output<T> {
  if (source.value === null || source.value === undefined) {
    throw new SpecError([source.issue([], 'the file is empty; a spec is a YAML mapping with name, version, managingIdentity and permissions (see README, "The trust spec")')]);
  }
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  const fields = fieldNames(schema);
  throw new SpecError(result.error.issues.flatMap((issue) => toSpecIssues(source, issue, fields)));
}

/** How the YAML reader's kinds of value read to a person. */
const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  null: 'nothing',
  undefined: 'nothing',
};

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return KINDS[typeof value] ?? typeof value;
}

function toSpecIssues(source: YamlSource, issue: z.core.$ZodIssue, fields: ReadonlySet<string>): SpecIssue[] {
  const path = issue.path as PathSegment[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => source.issue([...path, key], `unknown field${didYouMean(key, fields) || ' (check the spelling)'}`, { key: true }));
  }
  if (issue.code === 'invalid_type') {
    const value = valueAt(source.value, path);
    const expected = KINDS[issue.expected] ?? issue.expected;
    if (value === undefined) return [source.issue(path, `required: ${expected}`)];
    // A value the YAML reader took for a number (an account id, a version) needs quotes to be text.
    const hint = issue.expected === 'string' && typeof value === 'number' ? `; put it in quotes: "${value}"` : '';
    return [source.issue(path, `must be ${expected}, not ${kindOf(value)}${hint}`)];
  }
  if (issue.code === 'invalid_union') {
    return [source.issue(path, 'must be text, a list of texts, or true or false')];
  }
  return [source.issue(path, issue.message)];
}

/** Every field name a schema knows, at any depth: the candidates for "did you mean". */
function fieldNames(schema: z.ZodType, into = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  const def = (schema as any)?._zod?.def;
  if (!def || seen.has(def)) return into;
  seen.add(def);
  if (def.type === 'object') {
    for (const [key, child] of Object.entries<z.ZodType>(def.shape)) {
      into.add(key);
      fieldNames(child, into, seen);
    }
  }
  for (const child of [def.innerType, def.in, def.out, def.element, def.valueType, ...(def.options ?? [])]) {
    if (child) fieldNames(child, into, seen);
  }
  return into;
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((v, seg) => (v !== null && typeof v === 'object' ? (v as Record<PathSegment, unknown>)[seg] : undefined), value);
}

export { SpecError };
