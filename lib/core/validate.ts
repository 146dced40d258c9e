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
    throw new SpecError([
      source.issue(
        [],
        'the file is empty; a spec is a YAML mapping with name, version, managingIdentity and permissions (see docs/spec-reference.md)',
      ),
    ]);
  }
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  const fields = fieldNames(schema);
  throw new SpecError(result.error.issues.flatMap((issue) => toSpecIssues(source, issue, fields, schema)));
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

function toSpecIssues(source: YamlSource, issue: z.core.$ZodIssue, fields: ReadonlySet<string>, schema: z.ZodType): SpecIssue[] {
  const path = issue.path as PathSegment[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) =>
      source.issue([...path, key], `unknown field${didYouMean(key, fields) || ' (check the spelling)'}`, { key: true }),
    );
  }
  if (issue.code === 'invalid_type') {
    const value = valueAt(source.value, path);
    const expected = KINDS[issue.expected] ?? issue.expected;
    if (value === undefined) return [source.issue(path, `required: ${expected}`)];
    const hint = issue.expected === 'string' && typeof value === 'number' ? numberAsText(source, schema, path, value) : '';
    return [source.issue(path, `must be ${expected}, not ${kindOf(value)}${hint}`)];
  }
  if (issue.code === 'invalid_union') {
    return [source.issue(path, 'must be text, a list of texts, or true or false')];
  }
  return [source.issue(path, issue.message)];
}

/**
 * The fix for a value the YAML reader took for a number where text belongs (an account id, a
 * version), checked against the schema so that it works: the value as written, in quotes; else
 * the nearest text the field takes (`version: 1.0`, read as 1, becomes "1.0.0"); else what the
 * quoted text would still lack.
 */
function numberAsText(source: YamlSource, schema: z.ZodType, path: readonly PathSegment[], value: number): string {
  const written = source.sourceTextAt(path) ?? String(value);
  if (path.length === 0) return `; put it in quotes: "${written}"`;
  const asWritten = problemAsText(source, schema, path, written);
  if (asWritten === undefined) return `; put it in quotes: "${written}"`;
  const fix = semverCompletions(written).find((text) => problemAsText(source, schema, path, text) === undefined);
  const read = written === String(value) ? '' : ` (YAML reads ${written} as ${value})`;
  if (fix !== undefined) return `${read}; write "${fix}", in quotes: ${asWritten}`;
  return `${read}; in quotes, "${written}" would still be wrong: ${asWritten}`;
}

/** `1` and `1.0` as the three-part versions they stand for: `1.0.0`. */
function semverCompletions(text: string): string[] {
  const parts = /^\d+(\.\d+)?$/.test(text) ? text.split('.') : [];
  return parts.length === 0 ? [] : [[...parts, '0', '0'].slice(0, 3).join('.')];
}

/** What the schema says about the field at `path` when it holds `text`, or nothing when it takes it. */
function problemAsText(source: YamlSource, schema: z.ZodType, path: readonly PathSegment[], text: string): string | undefined {
  const document = structuredClone(source.value) as Record<PathSegment, unknown>;
  const parent = valueAt(document, path.slice(0, -1)) as Record<PathSegment, unknown>;
  parent[path[path.length - 1]] = text;
  const result = schema.safeParse(document);
  const at = JSON.stringify(path);
  return result.success ? undefined : result.error.issues.find((i) => JSON.stringify(i.path) === at)?.message;
}

/** Every field name a schema knows, at any depth: the candidates for "did you mean". */
function fieldNames(schema: z.ZodType, into = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  // The definition's fields differ per kind of schema; only the ones that hold schemas are read.
  const def = schema?._zod?.def as
    | (z.core.$ZodTypeDef & { shape?: Record<string, z.ZodType>; options?: z.ZodType[] } & Partial<
          Record<'innerType' | 'in' | 'out' | 'element' | 'valueType', z.ZodType>
        >)
    | undefined;
  if (!def || seen.has(def)) return into;
  seen.add(def);
  if (def.type === 'object') {
    for (const [key, child] of Object.entries<z.ZodType>(def.shape ?? {})) {
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
  return path.reduce<unknown>(
    (v, seg) => (v !== null && typeof v === 'object' ? (v as Record<PathSegment, unknown>)[seg] : undefined),
    value,
  );
}

export { SpecError };
