import type { Catalog } from '../catalog/catalog';
import { azureBuiltInRoles } from '../lists/azure-builtin-roles';
import { didYouMean } from '../core/did-you-mean';
import type { LoadedSpec } from './load-spec';
import type { PermissionSetSpec } from '../catalog/permission-set-schema';
import { SpecError, type SpecIssue } from '../core/spec-error';

/**
 * Roles that administer access: the template assigns `azureRoles` to every workload identity,
 * and one of these would let code running as it grant anything.
 */
const ADMINISTRATIVE_ROLES = new Set(['Owner', 'Contributor', 'User Access Administrator', 'Role Based Access Control Administrator']);

/** Azure operations that hand roles to identities (only under the spec's azureRoles: lib/azure/role-assignment-condition.ts). */
const AZURE_ROLE_ASSIGNMENT = /^Microsoft\.Authorization\/roleAssignments\/write$/i;

/**
 * `workloadIdentities` says what the identities the template creates may do, so it is checked
 * against the catalog: real sets that are not privileged themselves (an identity holding IAM
 * writes could change access), none that outlasts revocation unless the spec opts in, built-in
 * Azure roles that administer no access, and `azureRoles` wherever a granted set assigns roles.
 */
export function checkWorkloadIdentities({ spec, source }: LoadedSpec, catalog: Catalog): void {
  const custom = new Map(spec.customPermissionSets.map((s) => [s.id, s]));
  const setOf = (id: string): PermissionSetSpec | undefined => catalog.get(id) ?? custom.get(id);
  const issues: SpecIssue[] = [];
  const workload = spec.workloadIdentities;
  workload?.permissions.forEach((id, i) => {
    const set = setOf(id);
    const path = ['workloadIdentities', 'permissions', i];
    if (!set) issues.push(source.issue(path, `unknown permission set "${id}"${didYouMean(id, [...catalog.ids, ...custom.keys()])}`));
    else if (set.privileged)
      issues.push(
        source.issue(
          path,
          `"${id}" is privileged; an identity holding it could change access: remove it from workloadIdentities.permissions`,
        ),
      );
    else if (set.outlivesRevocation && !workload.allowOutlivingRevocation) {
      issues.push(
        source.issue(
          path,
          `"${id}" grants what revoking does not undo (${set.outlivesRevocation.reason.replace(/\.$/, '')}); code the vendor deployed runs as these identities after the trust is gone: remove it, or set workloadIdentities.allowOutlivingRevocation: true to accept that`,
        ),
      );
    }
  });
  // The vendor's own Azure identity and GCP service account are <prefix>-<spec name>: a workload
  // identity of that name would be the same resource.
  workload?.identities.forEach((identity, i) => {
    if (identity.name === spec.name)
      issues.push(
        source.issue(
          ['workloadIdentities', 'identities', i, 'name'],
          `"${identity.name}" is the spec's name, which names the vendor's own identity (<prefix>-${spec.name}); choose another name`,
        ),
      );
  });
  const roles = azureBuiltInRoles();
  workload?.azureRoles?.forEach((name, i) => {
    const path = ['workloadIdentities', 'azureRoles', i];
    if (!roles.has(name)) issues.push(source.issue(path, `"${name}" is not an Azure built-in role${didYouMean(name, roles.keys())}`));
    else if (ADMINISTRATIVE_ROLES.has(name))
      issues.push(source.issue(path, `"${name}" administers access; an identity holding it could grant anything`));
  });
  // The vendor's role assignments are held to azureRoles and the workload identities by an ABAC
  // condition: without both there is nothing it may assign, so the spec must name them.
  const assigners = spec.clouds.includes('azure')
    ? spec.permissions.filter((id) => setOf(id)?.azure?.actions?.some((op) => AZURE_ROLE_ASSIGNMENT.test(op)))
    : [];
  if (assigners.length > 0 && !workload?.azureRoles) {
    issues.push(
      source.issue(
        workload ? ['workloadIdentities'] : [],
        `${workload ? 'azureRoles' : 'workloadIdentities'}: required because ${assigners.join(', ')} assigns roles on Azure; declare workloadIdentities.identities and list in workloadIdentities.azureRoles the built-in roles they may be given`,
      ),
    );
  }
  if (issues.length > 0) throw new SpecError(issues);
}
