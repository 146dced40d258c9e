import { type Cloud } from '../core/variables';
import type { ReleaseFiles } from '../output/generate';

/** A resource that an upgrade from one release to the next would replace rather than update. */
export interface Replacement {
  readonly cloud: Cloud;
  /** The CloudFormation logical id, or the Terraform address inside the module. */
  readonly resource: string;
  /** The properties whose change forces the replacement (empty when the resource is removed). */
  readonly properties: string[];
  /** What the customer or the vendor sees. */
  readonly consequence: string;
}

/**
 * Properties whose change makes CloudFormation replace the resource (its documentation's
 * "Update requires: Replacement"), for the resource types the templates hold.
 */
const CFN_REPLACING: Record<string, { properties: string[]; name: string }> = {
  'AWS::IAM::Role': { properties: ['RoleName', 'Path'], name: 'RoleName' },
  'AWS::IAM::ManagedPolicy': { properties: ['ManagedPolicyName', 'Path', 'Description'], name: 'ManagedPolicyName' },
};

/** Arguments the providers mark ForceNew: a change destroys the resource and creates another. */
const TERRAFORM_REPLACING: Record<string, { cloud: Cloud; arguments: string[]; consequence: string }> = {
  aws_iam_role: {
    cloud: 'aws',
    arguments: ['name', 'path'],
    consequence: 'a new role with a new ARN: the vendor must be sent the new role_arn',
  },
  aws_iam_policy: {
    cloud: 'aws',
    arguments: ['name', 'path', 'description'],
    consequence: 'the policy is re-created and attached again: the vendor loses these permissions during the apply',
  },
  aws_iam_role_policy_attachment: { cloud: 'aws', arguments: ['role', 'policy_arn'], consequence: 'the attachment is re-created' },
  aws_iam_openid_connect_provider: {
    cloud: 'aws',
    arguments: ['url'],
    consequence: "the account's OIDC provider is re-created: sign-ins fail during the apply",
  },
  google_service_account: {
    cloud: 'gcp',
    arguments: ['account_id', 'project'],
    consequence: 'a new service account with a new email: the vendor must be sent it',
  },
  google_project_iam_custom_role: {
    cloud: 'gcp',
    arguments: ['role_id', 'project'],
    consequence: 'the role is re-created under a new id and its binding with it: the vendor loses these permissions during the apply',
  },
  azurerm_user_assigned_identity: {
    cloud: 'azure',
    arguments: ['name', 'resource_group_name', 'location'],
    consequence: 'a new identity with new client and principal ids: the vendor must be sent them',
  },
  azurerm_role_definition: { cloud: 'azure', arguments: ['scope'], consequence: 'the role is re-created and its assignment with it' },
  azurerm_federated_identity_credential: {
    cloud: 'azure',
    arguments: ['name'],
    consequence: 'the federated credential is re-created: sign-ins fail during the apply',
  },
};

/** Every replacement an upgrade from OLD to NEW would cause, on every cloud. */
export function replacements(oldFiles: ReleaseFiles, newFiles: ReleaseFiles): Replacement[] {
  return [...cloudFormationReplacements(oldFiles, newFiles), ...terraformReplacements(oldFiles, newFiles)];
}

function cloudFormationReplacements(oldFiles: ReleaseFiles, newFiles: ReleaseFiles): Replacement[] {
  const before = parsed(oldFiles, 'aws/template.json')?.Resources ?? {};
  const after = parsed(newFiles, 'aws/template.json')?.Resources ?? {};
  const found: Replacement[] = [];
  for (const [id, old] of Object.entries<any>(before)) {
    const rule = CFN_REPLACING[old.Type];
    if (!rule) continue;
    const next = after[id];
    if (!next || next.Type !== old.Type) {
      // A new stack version without the resource deletes it; for the role that is the trust itself.
      if (old.Type === 'AWS::IAM::Role')
        found.push({ cloud: 'aws', resource: id, properties: [], consequence: 'removed: the RoleArn the vendor holds stops working' });
      continue;
    }
    const changed = rule.properties.filter((p) => !same(old.Properties?.[p], next.Properties?.[p]));
    if (changed.length === 0) continue;
    const named = next.Properties?.[rule.name] !== undefined;
    const keepsName = named && same(old.Properties?.[rule.name], next.Properties?.[rule.name]);
    const consequences = [
      keepsName
        ? 'the stack update fails: CloudFormation cannot replace a resource with a custom name under the same name'
        : 'replaced by a new resource',
      ...(old.Type === 'AWS::IAM::Role' ? ['the RoleArn changes and the vendor must be sent the new one'] : []),
    ];
    found.push({ cloud: 'aws', resource: id, properties: changed, consequence: consequences.join('; ') });
  }
  return found;
}

function terraformReplacements(oldFiles: ReleaseFiles, newFiles: ReleaseFiles): Replacement[] {
  const before = terraformResources(oldFiles);
  const after = terraformResources(newFiles);
  const found: Replacement[] = [];
  for (const [address, old] of before) {
    const [type] = address.split('.');
    const rule = TERRAFORM_REPLACING[type];
    const next = after.get(address);
    if (!rule || !next) continue;
    const changed = rule.arguments.filter((a) => !same(old[a], next[a]));
    if (changed.length > 0) found.push({ cloud: rule.cloud, resource: address, properties: changed, consequence: rule.consequence });
  }
  return found;
}

/**
 * Every Terraform resource of a release by `type.name`: from the module where there is one,
 * and from the single file of releases before modules (the root's `moved` blocks keep the
 * addresses equal across that change).
 */
function terraformResources(files: ReleaseFiles): Map<string, any> {
  const resources = new Map<string, any>();
  for (const [path, content] of files) {
    if (!/^(aws|gcp|azure)\/.*\.tf\.json$/.test(path)) continue;
    for (const [type, byName] of Object.entries<any>(JSON.parse(content).resource ?? {})) {
      for (const [name, body] of Object.entries<any>(byName)) resources.set(`${type}.${name}`, body);
    }
  }
  return resources;
}

function parsed(files: ReleaseFiles, path: string): any {
  const text = files.get(path);
  return text === undefined ? undefined : JSON.parse(text);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function formatReplacements(found: readonly Replacement[]): string[] {
  if (found.length === 0) return ['upgrade: in place (nothing is replaced)'];
  return [
    `upgrade: ${found.length} replaced`,
    ...found.map(
      (r) => `  ! ${r.cloud} ${r.resource}${r.properties.length > 0 ? ` (${r.properties.join(', ')} changed)` : ''}: ${r.consequence}`,
    ),
  ];
}
