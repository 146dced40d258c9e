import { parse, REVIEW_FILE, terraformApply, terraformUpgradeAndRevoke, type ReleaseText } from '../core/install-text';
import { code, codeList, mermaid, mermaidLabel, shown } from '../core/markdown';
import { AZURE_FEDERATED_CREDENTIAL_NAME, azureIdentityName, azureRoleName, azureWorkloadIdentityName } from '../core/names';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import type { AzureTrust, TrustModel, WorkloadIdentities, WorkloadIdentity } from '../model/trust-model';
import { azureResourceProviders, azureRoleOperations } from './azure-operations';
import { azureForm } from './forms';

const AZURE = CUSTOMER_INTERFACE.azure;

/** The review's Azure part of "Who can get in": the identity, who may use it, what the customer sends back. */
export function azureTrust(model: TrustModel, trust: AzureTrust): string[] {
  const identity = azureIdentityName(shown(AZURE.inputs.prefix), model.name);
  const group = shown(AZURE.inputs.resourceGroup);
  const form = azureForm(trust);
  const { vendor, edge } = form.diagram(trust);
  return [
    '### Azure',
    '',
    `- **Identity in your subscription**: the user-assigned managed identity ${code(identity)} in the resource group ${code(group)}. It has no secret or certificate.`,
    ...form.who(trust),
    '- **Session length**: Microsoft Entra ID access tokens, valid for about an hour (60 to 90 minutes); each new one needs a new OIDC token from the issuer.',
    `- **Permissions**: one custom role, ${code(azureRoleName(shown(AZURE.inputs.prefix), group, shown('hash')))}, assignable to and assigned at the resource group only, listed under "What it can do".`,
    `- **You send back**: the outputs ${codeList(Object.values(AZURE.outputs).filter((o) => model.workloadIdentities || o !== AZURE.outputs.workloadIdentities))}.`,
    `- **Before you apply**: the subscription must have these resource providers registered, because the configuration registers none and the vendor, confined to the resource group, cannot: ${codeList(azureResourceProviders(model.permissionSets))}.`,
    '',
    ...mermaid([
      'flowchart LR',
      `  vendor[${vendor}] -->|${edge}| identity[${mermaidLabel('Your managed identity', identity)}]`,
      `  identity -->|${mermaidLabel('custom role, about 1-hour tokens')}| resources[${mermaidLabel(`Resource group ${group}`)}]`,
    ]),
    '',
  ];
}

/** The review's Azure steps of "Revoking access": the same for every form (the federated credential is the way in). */
export function azureRevocation(model: TrustModel): string[] {
  const identity = azureIdentityName(shown(AZURE.inputs.prefix), model.name);
  const group = shown(AZURE.inputs.resourceGroup);
  return [
    '### Azure',
    '',
    '- **Stop new sign-ins, keep the rest**: delete the federated credential:',
    '',
    '  ```sh',
    `  az identity federated-credential delete --name ${AZURE_FEDERATED_CREDENTIAL_NAME} --identity-name '${identity}' --resource-group '${group}' --yes`,
    '  ```',
    '',
    `- **End tokens already issued**: remove the role assignment (\`az role assignment delete --assignee '<${AZURE.outputs.principalId}>' --resource-group '${group}'\`); the identity then holds no permissions (Azure can take a few minutes to apply it).`,
    `- **Remove everything**: \`terraform destroy\` in the folder where you applied this template. The identity, its federated credential, the custom role and its assignment are deleted${model.workloadIdentities ? ', and so are the workload identities and their role assignments' : ''}; the resource group and its resources stay.`,
    '',
  ];
}

/** INSTALL.md's Azure steps: applying, checking, upgrading and revoking. */
export function azureInstall(model: TrustModel, files: ReleaseText): string[] {
  const azure = CUSTOMER_INTERFACE.azure;
  const identity = azureIdentityName(shown(azure.inputs.prefix), model.name);
  const group = shown(azure.inputs.resourceGroup);
  const root = parse(files, 'azure/main.tf.json');
  return [
    '## Azure',
    '',
    `Apply ${code('azure/main.tf.json')} (a root that calls ${code('azure/module/')}; call the module from your own root instead if you prefer) as an identity that is ${code('Owner')} of the resource group, or ${code('Managed Identity Contributor')} and ${code('User Access Administrator')} on it, signed in with \`az login\`. The resource group must exist, and the subscription must have the resource providers registered that [${REVIEW_FILE}](${REVIEW_FILE}) lists under "Before you apply".`,
    '',
    ...terraformApply('azure', root, undefined),
    '### Check it',
    '',
    `\`az identity federated-credential list --identity-name '${identity}' --resource-group '${group}'\` shows the one credential, ${code(AZURE_FEDERATED_CREDENTIAL_NAME)}, with the vendor's issuer, subject and audience. The output ${code(azure.outputs.template)} is ${code(`${model.name}@${model.version}`)}.`,
    '',
    ...terraformUpgradeAndRevoke(
      `\`terraform destroy\` where you applied it: the identity, its federated credential, the custom role and its assignment are deleted; the resource group and its resources stay. [${REVIEW_FILE}](${REVIEW_FILE}), "Revoking access", gives the commands to stop new sign-ins while keeping the rest, and what revoking does not undo.`,
    ),
  ];
}

/** The review's Azure parts of "Workload identities". */
export const AZURE_WORKLOAD_REVIEW = {
  identity: (_model: TrustModel, identity: WorkloadIdentity): string =>
    `on Azure the user-assigned managed identity ${code(azureWorkloadIdentityName(shown(AZURE.inputs.prefix), identity.name))} in ${code(shown(AZURE.inputs.resourceGroup))}, with no federated credential and no secret`,
  permissions: (_model: TrustModel, workload: WorkloadIdentities): string =>
    workload.azureRoles.length > 0
      ? `; on Azure the built-in roles ${codeList(workload.azureRoles.map((r) => r.name))}, assigned by the template at the resource group`
      : '',
  vendor: (model: TrustModel): string =>
    `- **What the vendor may do with them on Azure**: ${
      azureRoleOperations(model.permissionSets).attaches
        ? `attach them (${code('userAssignedIdentities/assign/action')}) through a role assigned at each workload identity alone, never at the resource group, so the vendor's own managed identity can never be attached to anything.`
        : 'nothing attaches them (no granted set attaches identities).'
    } Its role assignments, where a set grants them, go only to these identities and only with their ${code('azureRoles')}.`,
  deletion: '`terraform destroy` of the Azure configuration deletes the identities and their role assignments',
};
