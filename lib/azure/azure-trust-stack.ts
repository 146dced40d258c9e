import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { DataAzurermResourceGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { CUSTOMER_INTERFACE, templateRelease } from '../model/customer-interface';
import {
  AZURE_ATTACH_ROLE_GROUP_CHARACTERS,
  AZURE_FEDERATED_CREDENTIAL_NAME,
  AZURE_ROLE_NAME_PARTS,
  azureAttachRoleName,
  azureIdentityName,
  azureWorkloadIdentityName,
  azureRoleDescription,
  azureRoleName,
} from '../core/names';
import type { TrustModel } from '../model/trust-model';
import { terraformSettings, withoutProviderBlocks } from '../terraform/terraform-settings';
import { prefixVariable } from '../terraform/variables';
import { azureForm } from './forms';
import { tfLiteral } from '../terraform/terraform-string';
import { ATTACH_IDENTITY } from '../core/workload-services';
import { azureRoleOperations } from './azure-operations';
import { assignsRoles, roleAssignmentCondition, workloadPrincipal } from './role-assignment-condition';

/**
 * The azurerm versions the output is valid for. The federated credential names its identity
 * with `user_assigned_identity_id`, which 4.65 added (deprecating `parent_id` and
 * `resource_group_name`, which 5.0 removes); below 4.65 the argument is unknown. 4.75.0
 * cannot update a federated credential in place ("needs to be imported into the State";
 * hashicorp/terraform-provider-azurerm#32521, fixed in 4.76.0), so it is excluded.
 */
export const AZURERM_PROVIDER = { source: 'hashicorp/azurerm', version: '>= 4.65, != 4.75.0, < 5.0' } as const;

export interface AzureTrustStackProps {
  /** The resolved trust spec; must include Azure. */
  readonly model: TrustModel;
}

/** What the prefix limits on Azure: names only; the role covers the whole resource group. */
const PREFIX_REACH =
  'It names the managed identity and the custom role; it does not limit what the role reaches, which is every resource in the resource group, whatever its name.';

/**
 * The customer's Azure module: a user-assigned managed identity that the vendor signs in as
 * with an OIDC token (a federated credential, no secret), holding one custom role whose
 * scope and assignable scopes are the customer's resource group only. No provider block: the
 * root beside it (or the customer's own root) configures the provider and the subscription.
 */
export class AzureTrustStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AzureTrustStackProps) {
    super(scope, id);
    const { model } = props;
    if (!model.azure) throw new Error('AzureTrustStack needs a model that includes Azure');

    const groupName = new TerraformVariable(this, CUSTOMER_INTERFACE.azure.inputs.resourceGroup, {
      type: 'string',
      description: 'The existing resource group the vendor manages; the role reaches every resource in it and nothing outside it.',
    });
    const prefix = prefixVariable(this, PREFIX_REACH);
    const tags = new TerraformVariable(this, CUSTOMER_INTERFACE.azure.inputs.tags, {
      type: 'map(string)',
      default: {},
      description:
        'Tags for the resources that take them (the managed identity); role definitions, assignments and federated credentials take none.',
    });
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    withoutProviderBlocks(this);
    terraformSettings(this, { azurerm: AZURERM_PROVIDER });

    const group = new DataAzurermResourceGroup(this, 'deployment', { name: groupName.stringValue });

    const identity = new UserAssignedIdentity(this, 'alien', {
      name: azureIdentityName(prefix.stringValue, model.name),
      resourceGroupName: group.name,
      location: group.location,
      tags: tags.value,
    });

    const { group: groupOperations, attaches } = azureRoleOperations(model.permissionSets);
    const { actions, dataActions } = groupOperations;
    // The group's id holds the subscription, and ids compare without case; the product keeps
    // two products of one deployment in one group apart.
    const hash = Fn.substr(
      Fn.sha1(Fn.lower(Fn.join('/', [group.id, prefix.stringValue, tfLiteral(model.name)]))),
      0,
      AZURE_ROLE_NAME_PARTS.hashCharacters,
    );
    const role = new RoleDefinition(this, 'alien_role', {
      name: azureRoleName(prefix.stringValue, Fn.substr(group.name, 0, AZURE_ROLE_NAME_PARTS.groupCharacters), hash),
      scope: group.id,
      description: tfLiteral(
        azureRoleDescription(
          model.name,
          model.permissionSets.map((s) => s.id),
        ),
      ),
      permissions: [{ actions, dataActions }],
      assignableScopes: [group.id],
    });

    const workloads = workloadIdentities(this, model, { group, prefix: prefix.stringValue, tags: tags.value });

    new RoleAssignment(this, 'alien_role_assignment', {
      scope: group.id,
      roleDefinitionId: role.roleDefinitionResourceId,
      principalId: identity.principalId,
      // Skips the directory lookup that fails while a new identity is still replicating.
      principalType: 'ServicePrincipal',
      // When the vendor may assign roles: only the spec's roles, only to the workload identities.
      ...(assignsRoles(model) && {
        // The spec's text escaped first, then the principal ids put in as Terraform references.
        condition: workloads.reduce(
          (text, w, i) => text.replaceAll(workloadPrincipal(i), w.identity.principalId),
          tfLiteral(
            roleAssignmentCondition(
              model,
              workloads.map((_, i) => workloadPrincipal(i)),
            ),
          ),
        ),
        conditionVersion: '2.0',
      }),
    });

    // Attaching: a role holding only assign/action, assigned at each workload identity (never at
    // the group, which holds the vendor's own identity), so nothing else can be attached.
    if (attaches && workloads.length > 0) {
      const attach = new RoleDefinition(this, 'alien_attach_role', {
        name: azureAttachRoleName(prefix.stringValue, Fn.substr(group.name, 0, AZURE_ATTACH_ROLE_GROUP_CHARACTERS), hash),
        scope: group.id,
        description: tfLiteral(`Lets ${model.name} attach the deployment's workload identities, and no other identity, to what it manages`),
        permissions: [{ actions: [ATTACH_IDENTITY], dataActions: [] }],
        assignableScopes: [group.id],
      });
      for (const { resourceId, identity: workload } of workloads) {
        new RoleAssignment(this, `alien_attach_${resourceId}`, {
          scope: workload.id,
          roleDefinitionId: attach.roleDefinitionResourceId,
          principalId: identity.principalId,
          principalType: 'ServicePrincipal',
        });
      }
    }

    const credential = new FederatedIdentityCredential(this, 'vendor', {
      name: AZURE_FEDERATED_CREDENTIAL_NAME,
      // Required by the 4.55 bindings, deprecated since 4.65: replaced below.
      resourceGroupName: group.name,
      parentId: identity.id,
      issuer: tfLiteral(model.azure.issuer),
      // Per customer: the fixed prefix and the customer's id, so no other customer's token fits.
      subject: azureForm(model.azure).terraform(this, model.azure),
      audience: [tfLiteral(model.azure.audience)],
    });
    credential.addOverride('parent_id', undefined);
    credential.addOverride('resource_group_name', undefined);
    credential.addOverride('user_assigned_identity_id', identity.id);

    const names = CUSTOMER_INTERFACE.azure.outputs;
    const outputs = { [names.clientId]: identity.clientId, [names.tenantId]: identity.tenantId, [names.principalId]: identity.principalId };
    for (const [name, value] of Object.entries(outputs)) {
      new TerraformOutput(this, name, { value, description: 'Send this to the vendor.' });
    }
    // What the vendor's importer reads besides the ids: where the identity is, and which release.
    // The group's id is /subscriptions/<id>/resourceGroups/<name>.
    new TerraformOutput(this, names.subscription, {
      value: Fn.element(Fn.split('/', group.id), 2),
      description: 'The subscription the resource group is in.',
    });
    new TerraformOutput(this, names.resourceGroup, { value: group.name, description: 'The resource group the vendor manages.' });
    new TerraformOutput(this, names.identityId, { value: identity.id, description: "The managed identity's resource id." });
    new TerraformOutput(this, names.template, {
      value: templateRelease(model),
      description: 'The template name and version this configuration is.',
    });
    if (workloads.length > 0) {
      new TerraformOutput(this, names.workloadIdentities, {
        value: Object.fromEntries(
          workloads.map(({ name, identity: w }) => [name, { id: w.id, client_id: w.clientId, principal_id: w.principalId }]),
        ),
        description: 'The workload identities by name (resource id, client id, principal id): send them to the vendor.',
      });
    }
  }
}

/**
 * The workload identities (spec `workloadIdentities`): a user-assigned identity `<prefix>-<name>`
 * per identity in the deployment's group, with no federated credential (nothing outside Azure
 * signs in as it), holding the spec's built-in `azureRoles` at the group, assigned here by the
 * customer, so the vendor needs no role assignment of its own for them. `terraform destroy`
 * deletes them and their assignments.
 */
function workloadIdentities(
  stack: TerraformStack,
  model: TrustModel,
  at: { group: DataAzurermResourceGroup; prefix: string; tags: unknown },
): { name: string; resourceId: string; identity: UserAssignedIdentity }[] {
  const workload = model.workloadIdentities;
  if (!workload) return [];
  return workload.identities.map(({ name }) => {
    // Resource names follow the identity's name, so reordering the spec replaces nothing.
    const resourceId = name.replace(/-/g, '_');
    const identity = new UserAssignedIdentity(stack, `workload_${resourceId}`, {
      name: azureWorkloadIdentityName(at.prefix, name),
      resourceGroupName: at.group.name,
      location: at.group.location,
      tags: at.tags as Record<string, string>,
    });
    for (const role of workload.azureRoles) {
      new RoleAssignment(stack, `workload_${resourceId}_${role.id.slice(0, 8)}`, {
        scope: at.group.id,
        roleDefinitionName: tfLiteral(role.name),
        principalId: identity.principalId,
        principalType: 'ServicePrincipal',
      });
    }
    return { name, resourceId, identity };
  });
}
