import type { Rule } from './rule';

/** The families of rules, as the ids (and the folders under lib/rules/) name them. */
const FAMILIES = [
  { prefix: 'aws-', title: 'AWS', folder: 'lib/rules/aws/' },
  { prefix: 'gcp-', title: 'GCP', folder: 'lib/rules/gcp/' },
  { prefix: 'azure-', title: 'Azure', folder: 'lib/rules/azure/' },
] as const;

/** The family of a rule id: its cloud, or every cloud (lib/rules/common/). */
export function ruleFamily(id: string): { title: string; folder: string } {
  return FAMILIES.find((f) => id.startsWith(f.prefix)) ?? { title: 'Every cloud', folder: 'lib/rules/common/' };
}

/**
 * docs/rules.md: every least-privilege rule with its id, what it requires and why, grouped by
 * family (test/rules/rule-ids.test.ts keeps the page equal).
 */
export function rulesReference(rules: readonly Rule[]): string {
  const families = [...new Set(rules.map((r) => ruleFamily(r.id).title))].map((title) => ({
    title,
    folder: rules.map((r) => ruleFamily(r.id)).find((f) => f.title === title)!.folder,
    rules: rules.filter((r) => ruleFamily(r.id).title === title).sort((a, b) => a.id.localeCompare(b.id)),
  }));
  return `${[
    '# Least-privilege rules',
    '',
    '<!-- Generated from the rules themselves (lib/rules/); do not edit.',
    '     Regenerate: UPDATE_DOCS=1 npx jest test/rules/rule-ids.test.ts -->',
    '',
    "Every permission set obeys these rules: the built-in catalog's ([catalog.md](catalog.md)) and a",
    "spec's own ([spec-reference.md](spec-reference.md)). A set that breaks one is refused before anything is written (exit 2),",
    'one line per problem naming the field, the fix, and at the end the rule, such as',
    '`(rule aws-s3-account)`. Besides these rules the schema refuses wildcard actions, and each',
    "action, permission and resource type is checked against the cloud's own list (lib/lists/).",
    '',
    ...families.flatMap((family) => [
      `## ${family.title}`,
      '',
      `In ${family.folder}.`,
      '',
      ...family.rules.flatMap((rule) => [`### ${rule.id}`, '', rule.summary, '', `Why: ${rule.why}`, '']),
    ]),
  ]
    .join('\n')
    .trimEnd()}\n`;
}
