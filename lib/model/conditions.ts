import type { AwsStatement, ConditionValue, Template } from './trust-model';

/** Applies `render` to every templated value of a condition block. */
export function mapConditions<T>(
  conditions: NonNullable<AwsStatement['conditions']>,
  render: (template: Template) => T,
): Record<string, Record<string, T | T[] | boolean>> {
  const value = (v: ConditionValue) => (typeof v === 'boolean' ? v : isTemplateList(v) ? v.map(render) : render(v as Template));
  return Object.fromEntries(
    Object.entries(conditions).map(([op, entries]) => [op, Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, value(v)]))]),
  );
}

function isTemplateList(value: ConditionValue): value is readonly Template[] {
  return Array.isArray(value) && value.length > 0 && Array.isArray(value[0]);
}
