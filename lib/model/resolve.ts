import type { Catalog } from '../catalog/catalog';
import type { AwsStatementSpec, PermissionSetSpec } from '../spec/permission-set-schema';
import type { TrustSpec } from '../spec/trust-spec-schema';
import { CLOUDS, parseTemplate, type Cloud } from '../spec/variables';
import type { AwsStatement, ConditionValue, PermissionSet, Template, TrustModel } from './trust-model';

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
  const permissionSets = spec.permissions.map((id) => {
    const fromCatalog = catalog.get(id);
    // The spec schema has already checked that every id is in one of the two.
    return fromCatalog ? toPermissionSet(fromCatalog, 'catalog') : toPermissionSet(custom.get(id)!, 'custom');
  });
  const { aws, gcp, azure } = spec.managingIdentity;
  return {
    name: spec.name,
    version: spec.version,
    description: spec.description,
    clouds,
    permissionSets,
    aws: clouds.includes('aws') && aws ? { managingRoleArn: aws.roleArn, maxSessionDuration: spec.aws.maxSessionDuration } : undefined,
    gcp: clouds.includes('gcp') && gcp ? { managingServiceAccount: gcp.serviceAccount } : undefined,
    azure: clouds.includes('azure') && azure ? { issuer: azure.issuer, subject: azure.subject, audience: azure.audience } : undefined,
  };
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
    },
    azure: set.azure && { actions: set.azure.actions ?? [], dataActions: set.azure.dataActions ?? [] },
    unsupported: set.unsupported ?? {},
    privilegedReason: set.privilegedReason,
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
