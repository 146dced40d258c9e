import { compareText } from '../model/compare';
import type { PermissionSet } from '../model/trust-model';

/** The union of the sets' Azure actions and data actions, each sorted and without repeats. */
export function azureOperations(sets: readonly PermissionSet[]): { actions: string[]; dataActions: string[] } {
  const unique = (ops: string[]) => [...new Set(ops)].sort(compareText);
  return {
    actions: unique(sets.flatMap((s) => s.azure?.actions ?? [])),
    dataActions: unique(sets.flatMap((s) => s.azure?.dataActions ?? [])),
  };
}
