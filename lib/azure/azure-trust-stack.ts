import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { DataAzurermResourceGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { AZURE_FEDERATED_CREDENTIAL_NAME, azureRoleDescription, azureRoleName, identityName } from '../model/names';
import type { TrustModel } from '../model/trust-model';
import { prefixVariable, requiredProvider, withoutBackend } from '../terraform/variables';
import { tfLiteral } from '../terraform/terraform-string';
import { azureOperations } from './azure-operations';

/**
 * The azurerm 4.55 bindings write `parent_id` on the federated credential, which azurerm 5.0
 * removed: stay on 4.x.
 */
export const AZURERM_PROVIDER_VERSION = '~> 4.55';

export interface AzureTrustStackProps {
  /** The resolved trust spec; must include Azure. */
  readonly model: TrustModel;
}

/**
 * The customer's Azure module: a user-assigned managed identity that the vendor signs in as
 * with an OIDC token (a federated credential, no secret), holding one custom role whose
 * scope and assignable scopes are the customer's resource group only.
 */
export class AzureTrustStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AzureTrustStackProps) {
    super(scope, id);
    const { model } = props;
    if (!model.azure) throw new Error('AzureTrustStack needs a model that includes Azure');

    const groupName = new TerraformVariable(this, CUSTOMER_INTERFACE.azure.inputs.resourceGroup, {
      type: 'string',
      description: 'The existing resource group the vendor manages; the role reaches nothing outside it.',
    });
    const prefix = prefixVariable(this);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    requiredProvider(this, 'azurerm', AZURERM_PROVIDER_VERSION);
    withoutBackend(this);

    const group = new DataAzurermResourceGroup(this, 'deployment', { name: groupName.stringValue });

    const identity = new UserAssignedIdentity(this, 'alien', {
      name: identityName(prefix.stringValue),
      resourceGroupName: group.name,
      location: group.location,
    });

    const { actions, dataActions } = azureOperations(model.permissionSets);
    const role = new RoleDefinition(this, 'alien_role', {
      name: azureRoleName(prefix.stringValue, group.name),
      scope: group.id,
      description: tfLiteral(azureRoleDescription(model.name, model.permissionSets.map((s) => s.id))),
      permissions: [{ actions, dataActions }],
      assignableScopes: [group.id],
    });

    new RoleAssignment(this, 'alien_role_assignment', {
      scope: group.id,
      roleDefinitionId: role.roleDefinitionResourceId,
      principalId: identity.principalId,
      // Skips the directory lookup that fails while a new identity is still replicating.
      principalType: 'ServicePrincipal',
    });

    new FederatedIdentityCredential(this, 'vendor', {
      name: AZURE_FEDERATED_CREDENTIAL_NAME,
      resourceGroupName: group.name,
      parentId: identity.id,
      issuer: tfLiteral(model.azure.issuer),
      subject: tfLiteral(model.azure.subject),
      audience: [tfLiteral(model.azure.audience)],
    });

    const names = CUSTOMER_INTERFACE.azure.outputs;
    const outputs = { [names.clientId]: identity.clientId, [names.tenantId]: identity.tenantId, [names.principalId]: identity.principalId };
    for (const [name, value] of Object.entries(outputs)) {
      new TerraformOutput(this, name, { value, description: 'Send this to the vendor.' });
    }
  }
}
