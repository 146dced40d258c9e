import type { Finding, SetRule } from '../finding';

/** IAM actions that write a role's permissions: each must carry the workload boundary. */
const ROLE_WRITES = /^iam:(CreateRole|PutRolePolicy|AttachRolePolicy|DetachRolePolicy|DeleteRolePolicy|PutRolePermissionsBoundary)$/;

/** Azure operations that hand roles to identities: only under the spec's ABAC condition. */
const AZURE_ROLE_ASSIGNMENT = /^Microsoft\.Authorization\/roleAssignments\/(write|delete)$/i;

/**
 * Identities the vendor creates stay bounded. On AWS every role write carries
 * `iam:PermissionsBoundary = ${boundary}` (the boundary the stack creates from the spec's
 * `workloadIdentities`), and removing a boundary is never granted. A set that creates
 * identities says so (`createsWorkloadIdentities`), so the spec must bound them; on Azure that
 * is what puts the ABAC condition on the vendor's role assignment.
 */
export const workloadIdentitiesAreBounded: SetRule = (set) => {
  const findings: Finding[] = [];
  (set.aws ?? []).forEach((statement, s) => {
    statement.actions.forEach((action, a) => {
      const path = ['aws', s, 'actions', a];
      if (action === 'iam:DeleteRolePermissionsBoundary')
        findings.push({ path, message: 'removing a permissions boundary would unbound the role; never granted' });
      if (!ROLE_WRITES.test(action)) return;
      if (!set.createsWorkloadIdentities)
        findings.push({
          path,
          message: `${action} creates or changes an identity; only a set marked "createsWorkloadIdentities: true" may grant it`,
        });
      if (statement.conditions?.StringEquals?.['iam:PermissionsBoundary'] !== '${boundary}') {
        findings.push({
          path,
          message: `${action} needs StringEquals: { iam:PermissionsBoundary: "\${boundary}" }, the boundary the stack creates`,
        });
      }
    });
  });
  const usesBoundary = JSON.stringify(set.aws ?? []).includes('${boundary}');
  if (usesBoundary && !set.createsWorkloadIdentities)
    findings.push({ path: ['aws'], message: '${boundary} exists only for a set marked "createsWorkloadIdentities: true"' });
  for (const kind of ['actions', 'dataActions'] as const) {
    set.azure?.[kind]?.forEach((op, i) => {
      if (AZURE_ROLE_ASSIGNMENT.test(op) && !set.createsWorkloadIdentities) {
        findings.push({
          path: ['azure', kind, i],
          message: `${op} hands roles to identities; only a set marked "createsWorkloadIdentities: true" may grant it, under the spec's azureRoles`,
        });
      }
    });
  }
  return findings;
};
