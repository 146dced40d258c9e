import { PREFIX_FOLLOWER } from '../../core/names';
import type { PathSegment } from '../../core/yaml-source';
import { PREFIX_PLACEHOLDER as PREFIX } from '../../core/variables';
import type { Finding } from '../finding';
import { defineRule } from '../rule';

export const prefixEndsAtSeparator = defineRule(
  {
    id: 'prefix-separator',
    summary:
      'Every `${prefix}` in a resource, a condition value or a GCP condition ends at a separator (`-`, `/`, `:` …) or at the end of an AWS value, never before a letter, digit or wildcard.',
    why: 'With prefixes that hold no hyphen, this is what keeps deployment `acme` out of deployment `acmeprod`: `acme-*` cannot match `acmeprod-…`, but `acme*` or `acmex-*` could.',
  },
  (set) => {
    const values: { path: PathSegment[]; value: string; endAllowed: boolean }[] = [];
    (set.aws ?? []).forEach((statement, s) => {
      statement.resources.forEach((value, r) => values.push({ path: ['aws', s, 'resources', r], value, endAllowed: true }));
      for (const [operator, entries] of Object.entries(statement.conditions ?? {})) {
        for (const [key, value] of Object.entries(entries)) {
          const list = typeof value === 'boolean' ? [] : Array.isArray(value) ? value : [value];
          list.forEach((v) => values.push({ path: ['aws', s, 'conditions', operator, key], value: v, endAllowed: true }));
        }
      }
    });
    // In a CEL expression the value ends inside a string literal: `startsWith("…${prefix}")`
    // would match every longer prefix, so the literal must go on with a separator.
    if (set.gcp?.condition)
      values.push({ path: ['gcp', 'condition', 'expression'], value: set.gcp.condition.expression, endAllowed: false });

    const findings: Finding[] = [];
    for (const { path, value, endAllowed } of values) {
      let at = value.indexOf(PREFIX);
      while (at >= 0) {
        const rest = value.slice(at + PREFIX.length);
        if (!(rest === '' ? endAllowed : PREFIX_FOLLOWER.test(rest))) {
          findings.push({
            path,
            message: `\${prefix} must be followed by a separator such as "-" (as in "\${prefix}-*"), so that it cannot match the start of a longer prefix`,
          });
          break;
        }
        at = value.indexOf(PREFIX, at + PREFIX.length);
      }
    }
    return findings;
  },
);
