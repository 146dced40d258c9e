import type { AwsStatementSpec } from '../../spec/permission-set-schema';
import type { SetRule } from '../finding';

const PREFIX = '${prefix}';

/**
 * Resources AWS itself owns, which no deployment can name: Amazon Bedrock's foundation models
 * (no account in the ARN) and its system-defined inference profiles (`inference-profile/`;
 * profiles a customer makes are `application-inference-profile/`). Invoking a model names one.
 */
const AWS_OWNED = [/^arn:\$\{partition\}:bedrock:[^:]*::foundation-model\/.+$/, /^arn:\$\{partition\}:bedrock:[^:]*:\$\{account\}:inference-profile\/.+$/];

/** Machine images published by Amazon: an image ARN under the condition `ec2:Owner = amazon`. */
const AMAZON_IMAGE = /^arn:\$\{partition\}:ec2:\$\{region\}::image\/.+$/;
function ownedByAmazon(statement: AwsStatementSpec, resource: string): boolean {
  return AMAZON_IMAGE.test(resource) && statement.conditions?.StringEquals?.['ec2:Owner'] === 'amazon';
}

function conditionsMentionPrefix(statement: AwsStatementSpec): boolean {
  return JSON.stringify(statement.conditions ?? {}).includes(PREFIX);
}

/**
 * Every ARN names the deployment's own resources (`${prefix}` in the ARN), or the statement's
 * conditions do (for resources named by id, such as security groups, matched by tag). `*` is
 * checked against the action's resource types by the list check. Resources AWS owns are the
 * exception: Bedrock's models, and machine images held to Amazon's own by `ec2:Owner`.
 */
export const awsResourcesCarryPrefix: SetRule = (set) =>
  (set.aws ?? []).flatMap((statement, s) =>
    conditionsMentionPrefix(statement)
      ? []
      : statement.resources.flatMap((resource, r) =>
          resource === '*' || resource.includes(PREFIX) || AWS_OWNED.some((owned) => owned.test(resource)) || ownedByAmazon(statement, resource)
            ? []
            : [{ path: ['aws', s, 'resources', r], message: `${resource} is not limited to the deployment; include \${prefix} in the name, or a condition on \${prefix}` }],
        ),
  );
