import type { Finding } from '../rules/finding';
import type { PermissionSetSpec } from '../catalog/permission-set-schema';
import { awsActionProblems } from './aws-actions';
import { didYouMean } from '../core/did-you-mean';
import { azureOperationKnowledge, azureOperationsOfNamespace, type AzureOperationKind } from './azure-role-operations';
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
      for (const message of await awsActionProblems(action, statement.resources, statement.conditions, elsewhere))
        findings.push({ path: ['aws', s, 'actions', a], message });
    }
  }
  set.gcp?.permissions.forEach((permission, i) => {
    if (!gcpPermissionKnown(permission)) {
      findings.push({
        path: ['gcp', 'permissions', i],
        message: `${permission} is not a GCP permission${didYouMean(permission, gcpPermissionsOfService(permission))}`,
      });
    }
  });
  for (const kind of ['actions', 'dataActions'] as const) {
    set.azure?.[kind]?.forEach((operation, i) => {
      const message = azureOperationProblem(operation, kind);
      if (message) findings.push({ path: ['azure', kind, i], message });
    });
  }
  return findings;
}

const AZURE_KIND_NOUNS: Record<AzureOperationKind, { readonly a: string; readonly known: string }> = {
  actions: { a: 'an action', known: 'a known Azure action' },
  dataActions: { a: 'a data action', known: 'a known Azure data action' },
};

/**
 * What is wrong with an Azure operation listed under `kind`, or nothing. Listed exactly under
 * the other kind, it is moved there; covered only by a pattern of the other kind, it is most
 * likely misspelled, so it is not sent there, and the closest exact name of its own kind is
 * suggested.
 */
function azureOperationProblem(operation: string, kind: AzureOperationKind): string | undefined {
  const { listed, covered } = azureOperationKnowledge(operation);
  if (listed.includes(kind) || (listed.length === 0 && covered.includes(kind))) return undefined;
  const other = kind === 'actions' ? 'dataActions' : 'actions';
  if (listed.includes(other)) return `${operation} is ${AZURE_KIND_NOUNS[other].a}, not ${AZURE_KIND_NOUNS[kind].a}; move it to ${other}`;
  return `${operation} is not ${AZURE_KIND_NOUNS[kind].known}${didYouMean(operation, azureOperationsOfNamespace(operation, kind))}`;
}
