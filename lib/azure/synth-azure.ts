import type { TrustModel } from '../model/trust-model';
import { synthModuleAndRoot } from '../terraform/synth-terraform';
import { AzureRootStack } from './azure-root-stack';
import { AzureTrustStack } from './azure-trust-stack';

/** The stack name under `cdktf synth`, and the release folder's `azure/`. */
export const AZURE_STACK = 'azure';

/** The Azure module and its root, as Terraform JSON keyed by path in `azure/`, synthesized in memory. */
export function synthAzure(model: TrustModel): Record<string, object> {
  return synthModuleAndRoot(
    AZURE_STACK,
    (app, name) => new AzureTrustStack(app, name, { model }),
    (app, name, module) => new AzureRootStack(app, name, module),
  );
}
