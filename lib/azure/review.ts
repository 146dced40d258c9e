import { code, codeList, mermaid, mermaidLabel, shown } from '../core/markdown';
import { AZURE_FEDERATED_CREDENTIAL_NAME, azureIdentityName, azureRoleName } from '../core/names';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import type { AzureTrust, TrustModel } from '../model/trust-model';
import { azureResourceProviders } from './azure-operations';
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
