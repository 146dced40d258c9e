import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { callModule, type ModuleInterface } from '../terraform/root-module';
import { terraformSettings } from '../terraform/terraform-settings';
import { GCP_PROVIDERS } from './gcp-trust-stack';

/**
 * The ready-to-apply GCP root: the google provider for the customer's project (credentials
 * from the environment: application default credentials) and a call to the module beside it.
 */
export class GcpRootStack extends TerraformStack {
  constructor(scope: Construct, id: string, module: ModuleInterface) {
    super(scope, id);
    const variables = callModule(this, module);
    new GoogleProvider(this, 'google', { project: variables[CUSTOMER_INTERFACE.gcp.inputs.project].stringValue });
    terraformSettings(this, GCP_PROVIDERS);
  }
}
