import { boundTrust, type CloudProvider } from '../model/cloud-provider';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { AZURE_FORMS, azureForm } from './forms';
import { AZURE_WORKLOAD_REVIEW, azureInstall, azureRevocation, azureTrust } from './review';

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Azure: a user-assigned managed identity per deployment with a custom role on the resource group, as a Terraform module and root. */
export const AZURE_PROVIDER: CloudProvider<'azure'> = {
  cloud: 'azure',
  forms: AZURE_FORMS,
  trustOf: (model) => model.azure && boundTrust(azureForm(model.azure), model.azure),
  render: (model) => (require('./synth-azure') as typeof import('./synth-azure')).synthAzure(model),
  review: {
    identity: 'Azure: a managed identity',
    trust: (model) => (model.azure ? azureTrust(model, model.azure) : []),
    install: (model, files) => (model.azure ? azureInstall(model, files) : []),
    workload: AZURE_WORKLOAD_REVIEW,
    revocation: (model) => (model.azure ? azureRevocation(model) : []),
  },
  readGrants: (module, grants) => {
    for (const role of Object.values<any>(module.resource?.azurerm_role_definition ?? {})) {
      for (const permissions of role.permissions) {
        for (const action of permissions.actions ?? []) grants.push(`action ${action}`);
        for (const action of permissions.data_actions ?? []) grants.push(`dataAction ${action}`);
      }
    }
  },
  trustReaders: {
    terraform: {
      azurerm_role_definition: (_key, role, trust) => {
        trust['azure.roleScope'] = text(role.assignable_scopes);
      },
      // Every form's way in: the identity's one federated credential.
      azurerm_federated_identity_credential: (_key, credential, trust) => {
        trust['azure.issuer'] = credential.issuer;
        trust['azure.subject'] = credential.subject;
        trust['azure.audience'] = text(credential.audience);
      },
    },
  },
  diffReads: 'terraform',
  inert: {
    azurerm_user_assigned_identity: 'the identity itself: who may use it is its federated credential, what it may do its role definitions',
    azurerm_role_assignment:
      "assigns the template's roles to the template's own identities: principal and role are references, never an input (the role's scope and actions are read)",
  },
  terraformRegistration: (outputs) => {
    const o = CUSTOMER_INTERFACE.azure.outputs;
    const [clientId, tenantId, principalId, subscription, resourceGroup, identityId] = [
      o.clientId,
      o.tenantId,
      o.principalId,
      o.subscription,
      o.resourceGroup,
      o.identityId,
    ].map((key) => outputs.text(key));
    const identity =
      /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i.exec(
        identityId,
      );
    if (!identity) return outputs.refuse(`output ${o.identityId} "${identityId}" is not a user-assigned identity id`);
    // Azure ids compare without regard to case.
    if (identity[1].toLowerCase() !== subscription.toLowerCase() || identity[2].toLowerCase() !== resourceGroup.toLowerCase()) {
      outputs.refuse(`the identity ${identityId} is not in the subscription ${subscription} and resource group ${resourceGroup}`);
    }
    return { identity: principalId, fields: { clientId, tenantId, principalId, subscription, resourceGroup, identityId } };
  },
  replacing: {
    // ForceNew in the azurerm provider (test/fixtures/provider-schemas/azurerm.json).
    terraform: {
      azurerm_user_assigned_identity: {
        arguments: ['name', 'resource_group_name', 'location'],
        consequence: 'a new identity with new client and principal ids: the vendor must be sent them',
      },
      azurerm_role_definition: { arguments: ['scope'], consequence: 'the role is re-created and its assignment with it' },
      azurerm_federated_identity_credential: {
        arguments: ['name'],
        consequence: 'the federated credential is re-created: sign-ins fail during the apply',
      },
    },
  },
};
