import type { AwsStatementSpec } from '../../catalog/permission-set-schema';
import { PREFIX_PLACEHOLDER as PREFIX } from '../../core/variables';
import { defineRule } from '../rule';

/**
 * Resources AWS itself owns, which no deployment can name, and when a statement holds an ARN
 * to them:
 * - Amazon Bedrock's foundation models (no account in the ARN) and its system-defined inference
 *   profiles (`inference-profile/`; profiles a customer makes are
 *   `application-inference-profile/`): invoking a model names one;
 * - machine images, only under the condition `ec2:Owner = amazon` (an image ARN alone could be
 *   one of the account's private images).
 */
const AWS_OWNED: readonly { readonly arn: RegExp; readonly when?: (statement: AwsStatementSpec) => boolean }[] = [
  { arn: /^arn:\$\{partition\}:bedrock:[^:]*::foundation-model\/.+$/ },
  { arn: /^arn:\$\{partition\}:bedrock:[^:]*:\$\{account\}:inference-profile\/.+$/ },
  {
    arn: /^arn:\$\{partition\}:ec2:\$\{region\}::image\/.+$/,
    when: (statement) => statement.conditions?.StringEquals?.['ec2:Owner'] === 'amazon',
  },
];

function ownedByAws(statement: AwsStatementSpec, resource: string): boolean {
  return AWS_OWNED.some((owned) => owned.arn.test(resource) && (owned.when?.(statement) ?? true));
}

function conditionsMentionPrefix(statement: AwsStatementSpec): boolean {
  return JSON.stringify(statement.conditions ?? {}).includes(PREFIX);
}

/**
 * `*` is checked against the action's resource types by the list check, not here.
 */
export const awsResourcesCarryPrefix = defineRule(
  {
    id: 'aws-prefix-scope',
    summary:
      "Every ARN names the deployment's own resources (`${prefix}` in the ARN), or the statement's conditions do (for resources named by id, such as security groups, matched by tag); only resources AWS itself owns (Bedrock's foundation models and system inference profiles, machine images held to Amazon's by `ec2:Owner`) are exempt.",
    why: "The vendor is trusted with one deployment, not with the account: a grant on resources without the prefix reaches the customer's other workloads and other deployments.",
  },
  (set) =>
    (set.aws ?? []).flatMap((statement, s) =>
      conditionsMentionPrefix(statement)
        ? []
        : statement.resources.flatMap((resource, r) =>
            resource === '*' || resource.includes(PREFIX) || ownedByAws(statement, resource)
              ? []
              : [
                  {
                    path: ['aws', s, 'resources', r],
                    message: `${resource} is not limited to the deployment; include \${prefix} in the name, or a condition on \${prefix}`,
                  },
                ],
          ),
    ),
);
