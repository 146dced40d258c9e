import type { TrustModel } from '../model/trust-model';
import { synthTerraform } from '../terraform/synth-terraform';
import { AzureTrustStack } from './azure-trust-stack';

/** The stack name under `cdktf synth`, and the release folder's `azure/`. */
export const AZURE_STACK = 'azure';

/** The Azure Terraform JSON for a model, synthesized in memory. */
export function synthAzure(model: TrustModel): object {
  return synthTerraform(AZURE_STACK, (app, name) => new AzureTrustStack(app, name, { model }));
}
