import type { TrustModel } from '../model/trust-model';

/** Operations that hand roles to identities; the condition below constrains both. */
const ASSIGNMENTS = ['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete'] as const;

/** Whether the vendor's role lets it assign roles (ai/provision, say: its workload identities' access to an AI account). */
export function assignsRoles(model: TrustModel): boolean {
  return model.permissionSets.some((set) => set.azure?.actions.some((op) => ASSIGNMENTS.some((a) => a.toLowerCase() === op.toLowerCase())));
}

/**
 * Where the i-th workload identity's principal id goes in the condition: the module puts the
 * identity's `principal_id` there, known only once Terraform has created it.
 */
export function workloadPrincipal(index: number): string {
  return `<workload principal ${index}>`;
}

/**
 * The ABAC condition (version 2.0) on the vendor's role assignment: it may create or delete a
 * role assignment only for the built-in roles the spec lists in `workloadIdentities.azureRoles`,
 * and only for the workload identities the template creates (their principal ids, which the
 * module fills in once Terraform has created them). Never its own identity, a user, a group or
 * any other principal: a role it gave itself, or an identity of its own choosing, would widen its
 * reach beyond the customer's custom role. Every other operation of the role is unaffected.
 * (checkWorkloadIdentities makes a spec that grants role assignments name both.)
 */
export function roleAssignmentCondition(model: TrustModel, workloadPrincipalIds: readonly string[]): string {
  const roles = `{${(model.workloadIdentities?.azureRoles ?? [])
    .map((r) => r.id)
    .sort()
    .join(', ')}}`;
  const principals = `{${workloadPrincipalIds.join(', ')}}`;
  return [
    `((!(ActionMatches{'${ASSIGNMENTS[0]}'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals ${roles} AND @Request[Microsoft.Authorization/roleAssignments:PrincipalId] ForAnyOfAnyValues:GuidEquals ${principals}))`,
    `((!(ActionMatches{'${ASSIGNMENTS[1]}'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals ${roles} AND @Resource[Microsoft.Authorization/roleAssignments:PrincipalId] ForAnyOfAnyValues:GuidEquals ${principals}))`,
  ].join(' AND ');
}
