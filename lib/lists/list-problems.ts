import type { Finding } from '../rules/finding';
import type { PermissionSetSpec } from '../spec/permission-set-schema';
import { awsActionProblems } from './aws-actions';
import { didYouMean } from '../spec/did-you-mean';
import { azureOperationKinds, azureOperationsOfNamespace } from './azure-role-operations';
import { gcpPermissionKnown, gcpPermissionsOfService } from './gcp-permissions';

/**
 * Checks every action of a set against the clouds' own lists: AWS actions and their resource
 * types, GCP permissions, Azure operations (data actions only under `dataActions`).
 */
export async function listProblems(set: PermissionSetSpec): Promise<Finding[]> {
  const findings: Finding[] = [];
  const statements = set.aws ?? [];
  for (const [s, statement] of statements.entries()) {
    for (const [a, action] of statement.actions.entries()) {
      // ARNs other statements grant for the same action: IAM checks each resource of a request on its own.
      const elsewhere = statements.filter((other, o) => o !== s && other.actions.includes(action)).flatMap((other) => other.resources);
      for (const message of await awsActionProblems(action, statement.resources, statement.conditions, elsewhere)) findings.push({ path: ['aws', s, 'actions', a], message });
    }
  }
  set.gcp?.permissions.forEach((permission, i) => {
    if (!gcpPermissionKnown(permission)) {
      findings.push({ path: ['gcp', 'permissions', i], message: `${permission} is not a GCP permission${didYouMean(permission, gcpPermissionsOfService(permission))}` });
    }
  });
  for (const kind of ['actions', 'dataActions'] as const) {
    set.azure?.[kind]?.forEach((operation, i) => {
      const known = azureOperationKinds(operation);
      if (known.includes(kind)) return;
      const message =
        known.length > 0
          ? `${operation} is one of Azure's ${known[0]}; move it there`
          : `${operation} is not a known Azure operation${didYouMean(operation.toLowerCase(), azureOperationsOfNamespace(operation, kind))}`;
      findings.push({ path: ['azure', kind, i], message });
    });
  }
  return findings;
}
