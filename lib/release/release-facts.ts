import { AWS_WORKLOAD_PATH_ROOT } from '../core/names';
import { type Cloud, CLOUDS } from '../core/variables';
import type { ReleaseFiles } from '../output/generate';

/**
 * What a release folder grants and whom it trusts, read back from its templates, so any two
 * release folders can be compared without the specs that made them.
 */
export interface ReleaseFacts {
  /** Per cloud, one line per grant: `action on resource [if condition]`. */
  readonly grants: Record<Cloud, string[]>;
  /** `cloud.field` → value, for who may get in and how. */
  readonly trust: Record<string, string>;
}

export function releaseFacts(files: ReleaseFiles): ReleaseFacts {
  const facts: ReleaseFacts = { grants: { aws: [], gcp: [], azure: [] }, trust: {} };
  // Every JSON file of a cloud's folder: releases before 1.1.1 hold one Terraform file per
  // cloud, later ones a root and the module it calls, and the grants live in the module.
  for (const [path, content] of files) {
    const cloud = path.split('/')[0];
    if (!path.endsWith('.json') || !(cloud in READERS)) continue;
    READERS[cloud as keyof typeof READERS](JSON.parse(content), facts);
  }
  for (const cloud of CLOUDS) facts.grants[cloud] = [...new Set(facts.grants[cloud])].sort();
  return facts;
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const list = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value]);

/** One reader per cloud: a cloud added to CLOUDS without its reader does not compile. */
const READERS: Record<Cloud, (template: any, facts: ReleaseFacts) => void> = { aws: readAws, gcp: readGcp, azure: readAzure };

function readAws(template: any, facts: ReleaseFacts): void {
  for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
    if (resource.Type === 'AWS::IAM::Role') {
      // Every role by its logical id: the vendor's role and each workload role the template
      // creates have trust policies of their own, and one must never be read as the other's.
      // Workload roles sit under their own path (AWS_WORKLOAD_PATH_ROOT); the other is the vendor's.
      const role = JSON.stringify(resource.Properties.Path ?? '').includes(`/${AWS_WORKLOAD_PATH_ROOT}/`)
        ? `aws.workload.${logicalId}`
        : 'aws';
      for (const [i, statement] of (resource.Properties.AssumeRolePolicyDocument.Statement as any[]).entries()) {
        facts.trust[`${role}.trust[${i}].principal`] = text(statement.Principal);
        facts.trust[`${role}.trust[${i}].action`] = text(statement.Action);
        facts.trust[`${role}.trust[${i}].condition`] = text(statement.Condition ?? null);
      }
      facts.trust[`${role}.maxSessionDuration`] = text(resource.Properties.MaxSessionDuration ?? 3600);
    }
    if (resource.Type === 'AWS::IAM::OIDCProvider') {
      facts.trust['aws.oidcProvider.url'] = text(resource.Properties.Url);
      facts.trust['aws.oidcProvider.audiences'] = text(resource.Properties.ClientIdList);
    }
    if (resource.Type === 'AWS::IAM::ManagedPolicy') {
      for (const statement of resource.Properties.PolicyDocument.Statement) {
        const condition = statement.Condition ? ` if ${text(statement.Condition)}` : '';
        for (const action of list(statement.Action)) {
          for (const target of list(statement.Resource))
            facts.grants.aws.push(`${action} on ${text((target as any)['Fn::Sub'] ?? target)}${condition}`);
        }
      }
    }
  }
}

function readGcp(module: any, facts: ReleaseFacts): void {
  const roles = module.resource?.google_project_iam_custom_role ?? {};
  const members = Object.values<any>(module.resource?.google_project_iam_member ?? {});
  for (const [key, role] of Object.entries<any>(roles)) {
    const binding = members.find((m) => m.role === `\${google_project_iam_custom_role.${key}.name}`);
    const condition = binding?.condition ? ` if ${binding.condition.expression}` : '';
    for (const permission of role.permissions) facts.grants.gcp.push(`${permission}${condition}`);
  }
  for (const [key, grant] of Object.entries<any>(module.resource?.google_service_account_iam_member ?? {})) {
    facts.trust[`gcp.${key}`] = `${grant.role} to ${grant.member}`;
  }
  for (const provider of Object.values<any>(module.resource?.google_iam_workload_identity_pool_provider ?? {})) {
    facts.trust['gcp.oidc.issuer'] = provider.oidc?.issuer_uri;
    facts.trust['gcp.oidc.audiences'] = text(provider.oidc?.allowed_audiences);
    facts.trust['gcp.oidc.condition'] = provider.attribute_condition;
  }
}

function readAzure(module: any, facts: ReleaseFacts): void {
  for (const role of Object.values<any>(module.resource?.azurerm_role_definition ?? {})) {
    for (const permissions of role.permissions) {
      for (const action of permissions.actions ?? []) facts.grants.azure.push(`action ${action}`);
      for (const action of permissions.data_actions ?? []) facts.grants.azure.push(`dataAction ${action}`);
    }
    facts.trust['azure.roleScope'] = text(role.assignable_scopes);
  }
  for (const credential of Object.values<any>(module.resource?.azurerm_federated_identity_credential ?? {})) {
    facts.trust['azure.issuer'] = credential.issuer;
    facts.trust['azure.subject'] = credential.subject;
    facts.trust['azure.audience'] = text(credential.audience);
  }
}
