import { App } from 'cdktf';
import { AzureTrustStack } from '../azure/azure-trust-stack';
import { AZURE_STACK } from '../azure/synth-azure';
import { loadModel, specPath } from '../cli/spec-options';
import { GcpTrustStack } from '../gcp/gcp-trust-stack';
import { GCP_STACK } from '../gcp/synth-gcp';

/** The app `npx cdktf synth` runs (see cdktf.json): stacks `gcp` and `azure`, as the spec names them. */
export async function runCdktfApp(): Promise<void> {
  const { model } = await loadModel(specPath(undefined), ['gcp', 'azure']);
  const app = new App({ stackTraces: false });
  if (model.gcp) new GcpTrustStack(app, GCP_STACK, { model });
  if (model.azure) new AzureTrustStack(app, AZURE_STACK, { model });
  app.synth();
}
