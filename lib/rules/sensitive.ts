import type { PermissionSetSpec } from '../spec/permission-set-schema';
import type { Cloud } from '../spec/variables';
import type { PathSegment } from '../spec/yaml-source';
import { AWS_SENSITIVE_ACTIONS } from './aws/sensitive-actions';
import { AZURE_SENSITIVE_OPERATIONS } from './azure/sensitive-operations';
import { GCP_SENSITIVE_PERMISSIONS } from './gcp/sensitive-permissions';

/** A kind of operation that changes who can do what, or hands out credentials. */
export interface Sensitive {
  readonly pattern: RegExp;
  /** Why it matters, completing the sentence "<operation> ...". */
  readonly why: string;
}

/** One grant of a set that only a `privileged` set may hold. */
export interface PrivilegedGrant {
  readonly cloud: Cloud;
  readonly path: readonly PathSegment[];
  readonly operation: string;
  readonly why: string;
}

/** Every grant of the set that changes access or hands out credentials, per cloud. */
export function privilegedGrants(set: PermissionSetSpec): PrivilegedGrant[] {
  const grants: PrivilegedGrant[] = [];
  const add = (cloud: Cloud, path: PathSegment[], operation: string, list: readonly Sensitive[]) => {
    const hit = list.find((s) => s.pattern.test(operation));
    if (hit) grants.push({ cloud, path, operation, why: hit.why });
  };
  set.aws?.forEach((st, s) => st.actions.forEach((action, a) => add('aws', ['aws', s, 'actions', a], action, AWS_SENSITIVE_ACTIONS)));
  set.gcp?.permissions.forEach((p, i) => add('gcp', ['gcp', 'permissions', i], p, GCP_SENSITIVE_PERMISSIONS));
  if (set.gcp?.actAsRuntimeServiceAccounts) {
    grants.push({ cloud: 'gcp', path: ['gcp', 'actAsRuntimeServiceAccounts'], operation: 'iam.serviceAccounts.actAs', why: 'lets the vendor act as the runtime service accounts the customer lists' });
  }
  for (const kind of ['actions', 'dataActions'] as const) {
    set.azure?.[kind]?.forEach((op, i) => add('azure', ['azure', kind, i], op, AZURE_SENSITIVE_OPERATIONS));
  }
  return grants;
}
