import { azureOperations } from '../azure/azure-operations';
import { compareText } from '../core/compare';
import type { TrustModel } from '../model/trust-model';

/** What a release grants, per cloud, sorted: the list a customer's reviewer compares. */
export interface GrantedPermissions {
  readonly aws?: string[];
  readonly gcp?: string[];
  readonly azure?: { actions: string[]; dataActions: string[] };
}

export function grantedPermissions(model: TrustModel): GrantedPermissions {
  const unique = (values: string[]) => [...new Set(values)].sort(compareText);
  const sets = model.permissionSets;
  return {
    aws: model.aws && unique(sets.flatMap((s) => s.aws ?? []).flatMap((st) => st.actions)),
    gcp: model.gcp && unique(sets.flatMap((s) => s.gcp?.permissions ?? [])),
    azure: model.azure && azureOperations(sets),
  };
}
