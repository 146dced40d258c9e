import type { Catalog } from '../catalog/catalog';
import { lifecycleOf } from '../catalog/stack-profile';
import { azureBuiltInRoles } from '../lists/azure-builtin-roles';
import type { AwsStatementSpec, PermissionSetSpec } from '../catalog/permission-set-schema';
import type { TrustSpec } from '../input/trust-spec-schema';
import { CLOUDS, parseTemplate, type Cloud } from '../core/variables';
import type { AwsStatement, AwsTrust, AzureTrust, ConditionValue, GcpTrust, PermissionSet, Template, TrustModel } from './trust-model';

export interface ResolveOptions {
  /**
   * Narrows the spec's clouds (the command line's `--cloud`).
   * @default - every cloud the spec names
   */
  readonly clouds?: readonly Cloud[];
}

/**
 * Turns a validated spec into the cloud-neutral model: looks up permission sets, keeps only
 * the chosen clouds, and splits every templated string into parts.
 */
export function resolve(spec: TrustSpec, catalog: Catalog, options: ResolveOptions = {}): TrustModel {
  const wanted = options.clouds ?? spec.clouds;
  const clouds = CLOUDS.filter((c) => spec.clouds.includes(c) && wanted.includes(c));
  const custom = new Map(spec.customPermissionSets.map((s) => [s.id, s]));
  const lookup = (id: string) => {
    const fromCatalog = catalog.get(id);
    // The spec's checks have already made sure every id is in one of the two.
    return fromCatalog ? toPermissionSet(fromCatalog, 'catalog') : toPermissionSet(custom.get(id)!, 'custom');
  };
  const permissionSets = spec.permissions.map(lookup);
  const workload = spec.workloadIdentities;
  return {
    name: spec.name,
    version: spec.version,
    description: spec.description,
    clouds,
    permissionSets,
    ...(spec.stack
      ? {
          stackPicks: spec.stackPicks.map((p) => ({
            id: p.id,
            rule: p.rule,
            resources: p.resources.map((i) => {
              const r = spec.stack!.resources[i];
              return { kind: r.kind, id: r.id, lifecycle: lifecycleOf(r) };
            }),
          })),
        }
      : {}),
    aws: clouds.includes('aws') ? awsTrust(spec) : undefined,
    gcp: clouds.includes('gcp') ? gcpTrust(spec) : undefined,
    azure: clouds.includes('azure') ? azureTrust(spec) : undefined,
    workloadIdentities: workload && {
      identities: workload.identities.map(({ name, services }) => ({ name, services })),
      permissionSets: workload.permissions.map(lookup),
      azureRoles: (workload.azureRoles ?? []).map((name) => ({ name, id: azureBuiltInRoles().get(name)! })),
    },
    ...(spec.registration?.aws && clouds.includes('aws')
      ? { registration: { aws: { serviceToken: spec.registration.aws.serviceToken } } }
      : {}),
  };
}

/** A cloud's own managing identity wins; the shared OIDC issuer serves the clouds without one. */
function awsTrust(spec: TrustSpec): AwsTrust | undefined {
  const { aws, oidc } = spec.managingIdentity;
  const maxSessionDuration = spec.aws.maxSessionDuration;
  if (aws) return { kind: 'role', managingRoleArn: aws.roleArn, maxSessionDuration };
  return oidc && { kind: 'oidc', oidc, maxSessionDuration };
}

function gcpTrust(spec: TrustSpec): GcpTrust | undefined {
  const { gcp, oidc } = spec.managingIdentity;
  if (gcp?.serviceAccountProject) return { kind: 'per-customer', serviceAccountProject: gcp.serviceAccountProject };
  if (gcp?.serviceAccount) return { kind: 'pinned', serviceAccount: gcp.serviceAccount };
  return oidc && { kind: 'oidc', oidc };
}

function azureTrust(spec: TrustSpec): AzureTrust | undefined {
  const { azure, oidc } = spec.managingIdentity;
  if (azure) {
    const { issuer, audience } = azure;
    return azure.subjectPrefix !== undefined
      ? { kind: 'per-customer', issuer, audience, subjectPrefix: azure.subjectPrefix }
      : { kind: 'fixed-subject', issuer, audience, subject: azure.subject! };
  }
  return oidc && { kind: 'per-customer', issuer: oidc.issuer, audience: oidc.audience, subjectPrefix: oidc.subjectPrefix };
}

function toPermissionSet(set: PermissionSetSpec, origin: PermissionSet['origin']): PermissionSet {
  return {
    id: set.id,
    description: set.description,
    origin,
    aws: set.aws?.map(toAwsStatement),
    gcp: set.gcp && {
      permissions: set.gcp.permissions,
      condition: set.gcp.condition && {
        title: template(set.gcp.condition.title, 'gcp'),
        description: set.gcp.condition.description === undefined ? undefined : template(set.gcp.condition.description, 'gcp'),
        expression: template(set.gcp.condition.expression, 'gcp'),
      },
      projectWide: set.gcp.projectWide,
      actAsRuntimeServiceAccounts: set.gcp.actAsRuntimeServiceAccounts,
    },
    azure: set.azure && { actions: set.azure.actions ?? [], dataActions: set.azure.dataActions ?? [] },
    unsupported: set.unsupported ?? {},
    contentRead: set.contentRead === true,
    privilegedReason: set.privilegedReason,
    outlivesRevocation: set.outlivesRevocation,
    refuses: set.refuses ?? [],
  };
}

function toAwsStatement(statement: AwsStatementSpec): AwsStatement {
  const conditions = statement.conditions;
  return {
    actions: statement.actions,
    resources: statement.resources.map((r) => template(r, 'aws')),
    conditions:
      conditions &&
      Object.fromEntries(
        Object.entries(conditions).map(([operator, entries]) => [
          operator,
          Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, conditionValue(value)])),
        ]),
      ),
  };
}

function conditionValue(value: string | string[] | boolean): ConditionValue {
  if (typeof value === 'boolean') return value;
  return Array.isArray(value) ? value.map((v) => template(v, 'aws')) : template(value, 'aws');
}

/** Splits an already validated string; a problem here is a bug, not bad input. */
function template(value: string, cloud: Cloud): Template {
  const { parts, problems } = parseTemplate(value, cloud);
  if (problems.length > 0) throw new Error(`unvalidated template "${value}": ${problems.join('; ')}`);
  return parts;
}
