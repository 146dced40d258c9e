import type { TrustModel } from '../model/trust-model';
import { synthTerraform } from '../terraform/synth-terraform';
import { GcpTrustStack } from './gcp-trust-stack';

/** The stack name under `cdktf synth`, and the release folder's `gcp/`. */
export const GCP_STACK = 'gcp';

/** The GCP Terraform JSON for a model, synthesized in memory. */
export function synthGcp(model: TrustModel): object {
  return synthTerraform(GCP_STACK, (app, name) => new GcpTrustStack(app, name, { model }));
}
