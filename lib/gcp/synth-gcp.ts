import type { TrustModel } from '../model/trust-model';
import { synthModuleAndRoot } from '../terraform/synth-terraform';
import { GcpRootStack } from './gcp-root-stack';
import { GcpTrustStack } from './gcp-trust-stack';

/** The stack name under `cdktf synth`, and the release folder's `gcp/`. */
export const GCP_STACK = 'gcp';

/** The GCP module and its root, as Terraform JSON keyed by path in `gcp/`, synthesized in memory. */
export function synthGcp(model: TrustModel): Record<string, object> {
  return synthModuleAndRoot(
    GCP_STACK,
    (app, name) => new GcpTrustStack(app, name, { model }),
    (app, name, module) => new GcpRootStack(app, name, module),
  );
}
