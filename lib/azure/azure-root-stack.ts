import { TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AZURE_SUBSCRIPTION_ID } from '../core/names';
import { callModule, type ModuleInterface } from '../terraform/root-module';
import { terraformSettings } from '../terraform/terraform-settings';
import { validate } from '../terraform/variables';
import { AZURERM_PROVIDER } from './azure-trust-stack';

/** The root's own input: azurerm 4.x needs the subscription named explicitly. */
export const SUBSCRIPTION_VARIABLE = 'subscription_id';

/**
 * The ready-to-apply Azure root: azurerm for the customer's subscription (credentials from
 * `az login` or the ARM_* environment) and a call to the module beside it. It registers no
 * resource providers: azurerm would otherwise try to register dozens at subscription scope,
 * which a user whose rights stop at the resource group cannot do.
 */
export class AzureRootStack extends TerraformStack {
  constructor(scope: Construct, id: string, module: ModuleInterface) {
    super(scope, id);
    const subscription = new TerraformVariable(this, SUBSCRIPTION_VARIABLE, {
      type: 'string',
      description: 'The subscription holding the resource group. azurerm 4.x requires it, rather than guessing the Azure CLI default.',
    });
    validate(subscription, AZURE_SUBSCRIPTION_ID.pattern, `The subscription_id must be ${AZURE_SUBSCRIPTION_ID.description}.`);
    callModule(this, module);
    new AzurermProvider(this, 'azurerm', {
      features: [{}],
      subscriptionId: subscription.stringValue,
      resourceProviderRegistrations: 'none',
    });
    terraformSettings(this, { azurerm: AZURERM_PROVIDER });
  }
}
