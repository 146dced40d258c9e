import type { Catalog } from '../catalog/catalog';
import { azureBuiltInRoles } from '../lists/azure-builtin-roles';
import { didYouMean } from './did-you-mean';
import type { LoadedSpec } from './load-spec';
import type { PermissionSetSpec } from './permission-set-schema';
import { SpecError, type SpecIssue } from './spec-error';

/**
 * Roles that administer access: assigning one would let the created identity grant anything,
 * which is what the ABAC condition on the vendor's role assignment exists to prevent.
 */
const ADMINISTRATIVE_ROLES = new Set(['Owner', 'Contributor', 'User Access Administrator', 'Role Based Access Control Administrator']);

/**
 * `workloadIdentities` is what bounds the identities the vendor creates, so it is checked
 * against the catalog: it must be there when a granted set creates identities, name real sets
 * that are not privileged themselves (a boundary that allows IAM writes bounds nothing), and
 * name built-in Azure roles that administer no access.
 */
export function checkWorkloadIdentities({ spec, source }: LoadedSpec, catalog: Catalog): void {
  const custom = new Map(spec.customPermissionSets.map((s) => [s.id, s]));
  const setOf = (id: string): PermissionSetSpec | undefined => catalog.get(id) ?? custom.get(id);
  const issues: SpecIssue[] = [];
  const creators = spec.permissions.filter((id) => setOf(id)?.createsWorkloadIdentities);
  const workload = spec.workloadIdentities;
  if (creators.length > 0 && !workload) {
    issues.push(
      source.issue(
        [],
        `workloadIdentities: required because ${creators.join(', ')} creates the application's identities; list the permission sets that bound what they may do`,
      ),
    );
  }
  workload?.permissions.forEach((id, i) => {
    const set = setOf(id);
    const path = ['workloadIdentities', 'permissions', i];
    if (!set) issues.push(source.issue(path, `unknown permission set "${id}"${didYouMean(id, [...catalog.ids, ...custom.keys()])}`));
    else if (set.privileged || set.createsWorkloadIdentities)
      issues.push(source.issue(path, `"${id}" is privileged; an identity bounded by it could change access, so it bounds nothing`));
    else if (set.outlivesRevocation && !workload.allowOutlivingRevocation) {
      issues.push(
        source.issue(
          path,
          `"${id}" grants what revoking does not undo (${set.outlivesRevocation.reason.replace(/\.$/, '')}); an identity the vendor runs as would keep it after the trust is gone: remove it, or set workloadIdentities.allowOutlivingRevocation: true to accept that`,
        ),
      );
    }
  });
  const roles = azureBuiltInRoles();
  workload?.azureRoles?.forEach((name, i) => {
    const path = ['workloadIdentities', 'azureRoles', i];
    if (!roles.has(name)) issues.push(source.issue(path, `"${name}" is not an Azure built-in role${didYouMean(name, roles.keys())}`));
    else if (ADMINISTRATIVE_ROLES.has(name))
      issues.push(source.issue(path, `"${name}" administers access; an identity holding it could grant anything`));
  });
  const azureCreators = creators.filter((id) => setOf(id)?.azure && spec.clouds.includes('azure'));
  if (azureCreators.length > 0 && workload && !workload.azureRoles) {
    issues.push(
      source.issue(
        ['workloadIdentities'],
        `azureRoles: required because ${azureCreators.join(', ')} assigns roles on Azure; list the built-in roles the vendor may assign`,
      ),
    );
  }
  if (issues.length > 0) throw new SpecError(issues);
}
