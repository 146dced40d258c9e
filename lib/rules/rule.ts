import type { PermissionSetSpec } from '../catalog/permission-set-schema';
import type { Finding, SetRule } from './finding';

/** What a reader of docs/rules.md, or of a message that names the rule, learns about it. */
export interface RuleDoc {
  /**
   * Stable and descriptive, in the style of cdk-nag's rule ids: `<cloud>-<what>` for a rule of
   * one cloud (its folder, lib/rules/<cloud>/), `<what>` for one of every cloud (lib/rules/common/).
   * Never reused for another rule: messages, logs and reviews quote it.
   */
  readonly id: string;
  /** What a permission set must do, in one sentence. */
  readonly summary: string;
  /** The risk the rule keeps out. */
  readonly why: string;
}

/** A least-privilege rule: a pure function from a set to what it finds wrong, that also says who it is. */
export type Rule = SetRule & RuleDoc;

/** How a message names its rule: at the end, after the fix, so the line still reads as a sentence. */
function withRuleId(message: string, id: string): string {
  return `${message} (rule ${id})`;
}

/**
 * A rule from its description and its check; every finding's message ends with the rule's id,
 * so a user who meets it can look it up.
 */
export function defineRule(doc: RuleDoc, check: (set: PermissionSetSpec) => Finding[]): Rule {
  const rule: SetRule = (set) => check(set).map((f) => ({ path: f.path, message: withRuleId(f.message, doc.id) }));
  return Object.assign(rule, { id: doc.id, summary: doc.summary, why: doc.why });
}
