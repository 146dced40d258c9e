import { compareText } from '../core/compare';
import type { PermissionSet } from '../model/trust-model';
import { attachesIdentity } from '../core/workload-services';

/** The union of the sets' Azure actions and data actions, each sorted and without repeats. */
export function azureOperations(sets: readonly PermissionSet[]): { actions: string[]; dataActions: string[] } {
  const unique = (ops: string[]) => [...new Set(ops)].sort(compareText);
  return {
    actions: unique(sets.flatMap((s) => s.azure?.actions ?? [])),
    dataActions: unique(sets.flatMap((s) => s.azure?.dataActions ?? [])),
  };
}

/**
 * The vendor's group-scope role (`group`), which never holds ATTACH_IDENTITY (lib/model/workload-services.ts), and whether a
 * granted set attaches identities (`attaches`), for the role the module assigns per workload identity.
 */
export function azureRoleOperations(sets: readonly PermissionSet[]): {
  group: { actions: string[]; dataActions: string[] };
  attaches: boolean;
} {
  const { actions, dataActions } = azureOperations(sets);
  return { group: { actions: actions.filter((op) => !attachesIdentity(op)), dataActions }, attaches: actions.some(attachesIdentity) };
}

/** The managed identity and its federated credential are `Microsoft.ManagedIdentity` resources. */
const MODULE_PROVIDER = 'Microsoft.ManagedIdentity';

/**
 * The resource providers the subscription must have registered: the module's own, and the
 * namespace of every granted operation (the vendor, confined to one resource group, cannot
 * register a provider itself). `Microsoft.Authorization` and `Microsoft.Resources` are always
 * registered and left out.
 */
export function azureResourceProviders(sets: readonly PermissionSet[]): string[] {
  const { actions, dataActions } = azureOperations(sets);
  const namespaces = [...actions, ...dataActions].map((op) => op.split('/')[0]);
  const always = new Set(['microsoft.authorization', 'microsoft.resources']);
  const byLowerCase = new Map([MODULE_PROVIDER, ...namespaces].map((n) => [n.toLowerCase(), n] as const));
  return [...byLowerCase.entries()]
    .filter(([lower]) => !always.has(lower))
    .map(([, n]) => n)
    .sort(compareText);
}
