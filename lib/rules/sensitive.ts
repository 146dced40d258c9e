import type { PermissionSetSpec } from '../catalog/permission-set-schema';
import type { Cloud } from '../core/variables';
import type { PathSegment } from '../core/yaml-source';
import { AWS_SENSITIVE_ACTIONS } from './aws/sensitive-actions';
import { AZURE_SENSITIVE_OPERATIONS } from './azure/sensitive-operations';
import { GCP_SENSITIVE_PERMISSIONS } from './gcp/sensitive-permissions';

/** A kind of operation that changes who can do what, or hands out credentials. */
export interface Sensitive {
  readonly pattern: RegExp;
  /** Why it matters, completing the sentence "<operation> ...". */
  readonly why: string;
}

/** One operation a set grants, where it stands in the set. */
export interface Grant {
  readonly cloud: Cloud;
  readonly path: readonly PathSegment[];
  readonly operation: string;
}

/** Every operation the set grants, cloud by cloud, in the set's own order. */
export function setGrants(set: PermissionSetSpec): Grant[] {
  const grants: Grant[] = [];
  set.aws?.forEach((st, s) =>
    st.actions.forEach((action, a) => grants.push({ cloud: 'aws', path: ['aws', s, 'actions', a], operation: action })),
  );
  set.gcp?.permissions.forEach((p, i) => grants.push({ cloud: 'gcp', path: ['gcp', 'permissions', i], operation: p }));
  for (const kind of ['actions', 'dataActions'] as const) {
    set.azure?.[kind]?.forEach((op, i) => grants.push({ cloud: 'azure', path: ['azure', kind, i], operation: op }));
  }
  return grants;
}

/** One grant of a set that only a `privileged` set may hold. */
export interface PrivilegedGrant extends Grant {
  readonly why: string;
}

const SENSITIVE: Readonly<Record<Cloud, readonly Sensitive[]>> = {
  aws: AWS_SENSITIVE_ACTIONS,
  gcp: GCP_SENSITIVE_PERMISSIONS,
  azure: AZURE_SENSITIVE_OPERATIONS,
};

/** Every grant of the set that changes access or hands out credentials, per cloud. */
export function privilegedGrants(set: PermissionSetSpec): PrivilegedGrant[] {
  const grants = setGrants(set).flatMap((g) => {
    const hit = SENSITIVE[g.cloud].find((s) => s.pattern.test(g.operation));
    return hit ? [{ ...g, why: hit.why }] : [];
  });
  if (set.gcp?.actAsRuntimeServiceAccounts) {
    // After the GCP grants, before Azure's, as the set reads.
    const at = grants.findIndex((g) => g.cloud === 'azure');
    grants.splice(at < 0 ? grants.length : at, 0, {
      cloud: 'gcp',
      path: ['gcp', 'actAsRuntimeServiceAccounts'],
      operation: 'iam.serviceAccounts.actAs',
      why: 'lets the vendor act as the runtime service accounts the customer lists',
    });
  }
  return grants;
}
