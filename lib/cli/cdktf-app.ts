import { App } from 'cdktf';
import { AzureTrustStack } from '../azure/azure-trust-stack';
import { AZURE_STACK } from '../azure/synth-azure';
import { specPath } from './project-paths';
import { loadModelOf } from './spec-options';
import { GcpTrustStack } from '../gcp/gcp-trust-stack';
import { GCP_STACK } from '../gcp/synth-gcp';

/**
 * The app `npx cdktf synth` runs (see cdktf.json): the modules `gcp` and `azure`, as the spec
 * names them. A spec with neither gives an empty app and a one-line notice, not an error.
 */
export async function runCdktfApp(): Promise<void> {
  const { model } = await loadModelOf(specPath(undefined), ['gcp', 'azure']);
  const app = new App({ stackTraces: false });
  if (model.gcp) new GcpTrustStack(app, GCP_STACK, { model });
  if (model.azure) new AzureTrustStack(app, AZURE_STACK, { model });
  if (!model.gcp && !model.azure)
    console.error(`alien-trust: ${model.name} targets neither gcp nor azure; no Terraform stack to synthesize`);
  app.synth();
}
