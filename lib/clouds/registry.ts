import { AWS_PROVIDER } from '../aws/provider';
import { AZURE_PROVIDER } from '../azure/provider';
import type { Cloud } from '../core/variables';
import type { CloudProvider } from '../model/cloud-provider';
import { GCP_PROVIDER } from '../gcp/provider';

/**
 * Every cloud's provider (lib/model/cloud-provider.ts), the one place that names them all: a
 * cloud added to CLOUDS without its provider does not compile. Loading the registry loads no
 * renderer; each provider's `render` loads its own.
 */
export const CLOUD_PROVIDERS: { readonly [C in Cloud]: CloudProvider<C> } = {
  aws: AWS_PROVIDER,
  gcp: GCP_PROVIDER,
  azure: AZURE_PROVIDER,
};
