import type { z } from 'zod';
import { SpecError, type SpecIssue } from './spec-error';
import type { PathSegment, YamlSource } from './yaml-source';

/**
 * Validates a parsed YAML document against a schema and returns the typed value, or throws
 * one SpecError listing every problem with its line and column.
 */
export function validate<T extends z.ZodType>(source: YamlSource, schema: T): z.output<T> {
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  throw new SpecError(result.error.issues.flatMap((issue) => toSpecIssues(source, issue)));
}

function toSpecIssues(source: YamlSource, issue: z.core.$ZodIssue): SpecIssue[] {
  const path = issue.path as PathSegment[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => source.issue([...path, key], 'unknown field (check the spelling)', { key: true }));
  }
  if (issue.code === 'invalid_type' && valueAt(source.value, path) === undefined) {
    return [source.issue(path, `required: ${issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}`)];
  }
  if (issue.code === 'invalid_union') {
    return [source.issue(path, 'expected a string, a list of strings or a boolean')];
  }
  return [source.issue(path, issue.message)];
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((v, seg) => (v !== null && typeof v === 'object' ? (v as Record<PathSegment, unknown>)[seg] : undefined), value);
}

export { SpecError };
