import type { TrustModel } from '../model/trust-model';

/** Operations that hand roles to identities; the condition below constrains both. */
const ASSIGNMENTS = ['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete'] as const;

/** Whether the vendor's role lets it assign roles (a set that creates workload identities). */
export function assignsRoles(model: TrustModel): boolean {
  return model.permissionSets.some((set) => set.azure?.actions.some((op) => ASSIGNMENTS.some((a) => a.toLowerCase() === op.toLowerCase())));
}

/**
 * Where the vendor's own principal id goes in the condition: the module puts the managed
 * identity's `principal_id` there, known only once Terraform has created it.
 */
export const VENDOR_PRINCIPAL = '<vendor principal id>';

/**
 * The ABAC condition (version 2.0) on the vendor's role assignment: it may create or delete a
 * role assignment only for the built-in roles the spec lists in `workloadIdentities.azureRoles`,
 * and only for service principals (managed identities), never users or groups, and never for
 * its own identity: a role it gave itself would widen its reach beyond the customer's custom
 * role. Every other operation of the role is unaffected.
 */
export function roleAssignmentCondition(model: TrustModel): string {
  const ids = (model.workloadIdentities?.azureRoles ?? []).map((r) => r.id).sort();
  const guids = `{${ids.join(', ')}}`;
  return [
    `((!(ActionMatches{'${ASSIGNMENTS[0]}'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals ${guids} AND @Request[Microsoft.Authorization/roleAssignments:PrincipalType] StringEqualsIgnoreCase 'ServicePrincipal' AND @Request[Microsoft.Authorization/roleAssignments:PrincipalId] GuidNotEquals ${VENDOR_PRINCIPAL}))`,
    `((!(ActionMatches{'${ASSIGNMENTS[1]}'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals ${guids}))`,
  ].join(' AND ');
}
