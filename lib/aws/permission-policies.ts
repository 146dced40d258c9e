import { compareText } from '../core/compare';
import { LimitError } from '../core/limit-error';
import { templateSource } from '../model/template';
import { mapConditions } from '../model/conditions';
import type { AwsStatement, PermissionSet, Template } from '../model/trust-model';
import { longestValue } from './aws-variables';

/** IAM quotas for customer-managed policies (characters exclude whitespace). */
export const AWS_LIMITS = { policyCharacters: 6144, policiesPerRole: 10, trustPolicyCharacters: 2048 } as const;

/**
 * The AWS statements of all granted sets, merged where statements share resources and
 * conditions (so no grant widens), with actions and resources sorted for stable output.
 */
export function mergeStatements(sets: readonly PermissionSet[]): AwsStatement[] {
  const merged = new Map<string, { actions: Set<string>; statement: AwsStatement }>();
  for (const statement of sets.flatMap((s) => s.aws ?? [])) {
    const resources = [...statement.resources].sort(byText);
    const key = JSON.stringify([resources.map(templateSource), conditionsSource(statement.conditions)]);
    const entry = merged.get(key) ?? { actions: new Set<string>(), statement: { ...statement, resources } };
    statement.actions.forEach((a) => entry.actions.add(a));
    merged.set(key, entry);
  }
  return [...merged.values()]
    .map(({ actions, statement }) => ({ ...statement, actions: [...actions].sort() }))
    .sort((a, b) => compareText(a.actions[0], b.actions[0]) || byText(a.resources[0], b.resources[0]));
}

/**
 * Splits statements into managed policies of at most 6,144 characters each, measured with the
 * longest values the variables can take, first fit in sorted order so output is stable.
 * Throws a LimitError when more than 10 policies would be needed.
 */
export function packPolicies(statements: readonly AwsStatement[]): AwsStatement[][] {
  const budget = AWS_LIMITS.policyCharacters - policySize([]);
  const policies: { statements: AwsStatement[]; size: number }[] = [];
  for (const statement of statements.flatMap((s) => splitToFit(s, budget))) {
    const size = statementSize(statement) + 1; // the comma between statements
    const policy = policies.find((p) => p.size + size <= budget);
    if (policy) {
      policy.statements.push(statement);
      policy.size += size;
    } else {
      policies.push({ statements: [statement], size });
    }
  }
  if (policies.length > AWS_LIMITS.policiesPerRole) {
    throw new LimitError(
      'aws',
      'managed policies per role',
      `the permissions need ${policies.length} policies of ${AWS_LIMITS.policyCharacters} characters; IAM allows ${AWS_LIMITS.policiesPerRole} per role, ${policies.length - AWS_LIMITS.policiesPerRole} too many. Grant fewer permission sets.`,
    );
  }
  return policies.map((p) => p.statements);
}

/** A statement too large for one policy is split by actions; one too large even alone is refused. */
function splitToFit(statement: AwsStatement, budget: number): AwsStatement[] {
  if (statementSize(statement) <= budget) return [statement];
  if (statement.actions.length === 1) {
    throw new LimitError(
      'aws',
      'managed policy size',
      `a statement for ${statement.actions[0]} takes ${statementSize(statement)} characters; one policy holds ${budget}`,
    );
  }
  const half = Math.ceil(statement.actions.length / 2);
  return [statement.actions.slice(0, half), statement.actions.slice(half)].flatMap((actions) =>
    splitToFit({ ...statement, actions }, budget),
  );
}

/** Characters of the policy document as IAM counts them (JSON without whitespace). */
export function policySize(statements: readonly AwsStatement[]): number {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements.map(longestJson) }).length;
}

function statementSize(statement: AwsStatement): number {
  return JSON.stringify(longestJson(statement)).length;
}

function longestJson(statement: AwsStatement): object {
  return {
    Effect: 'Allow',
    Action: statement.actions,
    Resource: statement.resources.map(longestValue),
    ...(statement.conditions && { Condition: mapConditions(statement.conditions, longestValue) }),
  };
}

function conditionsSource(conditions: AwsStatement['conditions']): unknown {
  return conditions && mapConditions(conditions, templateSource);
}

function byText(a: Template, b: Template): number {
  return compareText(templateSource(a), templateSource(b));
}
