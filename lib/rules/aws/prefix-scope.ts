import type { AwsStatementSpec } from '../../spec/permission-set-schema';
import type { SetRule } from '../finding';

const PREFIX = '${prefix}';

function conditionsMentionPrefix(statement: AwsStatementSpec): boolean {
  return JSON.stringify(statement.conditions ?? {}).includes(PREFIX);
}

/**
 * Every ARN names the deployment's own resources (`${prefix}` in the ARN), or the statement's
 * conditions do (for resources named by id, such as security groups, matched by tag). `*` is
 * checked against the action's resource types by the list check.
 */
export const awsResourcesCarryPrefix: SetRule = (set) =>
  (set.aws ?? []).flatMap((statement, s) =>
    conditionsMentionPrefix(statement)
      ? []
      : statement.resources.flatMap((resource, r) =>
          resource === '*' || resource.includes(PREFIX)
            ? []
            : [{ path: ['aws', s, 'resources', r], message: `${resource} is not limited to the deployment; include \${prefix} in the name, or a condition on \${prefix}` }],
        ),
  );
