import { azureResourceProviders } from '../azure/azure-operations';
import { GCP_REQUIRED_APIS, GCP_VENDOR_API } from '../gcp/required-apis';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { AWS_IAM_PATH, AZURE_FEDERATED_CREDENTIAL_NAME, awsPolicyName, awsProductTag, awsRoleName, azureRoleName, identityName } from '../model/names';
import type { TrustModel } from '../model/trust-model';
import { code, codeList, mermaid, mermaidLabel, shown } from './markdown';

const AWS = CUSTOMER_INTERFACE.aws;
const GCP = CUSTOMER_INTERFACE.gcp;
const AZURE = CUSTOMER_INTERFACE.azure;

/** Who can get in, under which conditions, for how long, and what the customer sends back. */
export function trustSection(model: TrustModel): string[] {
  const lines = ['## Who can get in', ''];
  if (model.aws) {
    const trust = model.aws;
    const tag = awsProductTag(model.name);
    const role = `${AWS_IAM_PATH.slice(1)}${awsRoleName(shown(AWS.inputs.prefix), tag, shown('region'))}`;
    lines.push(
      '### AWS',
      '',
      `- **Identity in your account**: the IAM role ${code(role)}, created by the CloudFormation stack. Its name holds the prefix, the product and the region, so stacks for other deployments, products or regions in the same account never collide, and its path keeps it out of reach of every grant below (the vendor cannot pass this role to a function of its own).`,
      `- **Who can use it**: only the vendor's IAM role ${code(trust.managingRoleArn)}, through ${code('sts:AssumeRole')}. No user, account root or service is trusted.`,
      `- **Condition**: the caller must present the external id you enter as ${code(AWS.inputs.externalId)} (${code('sts:ExternalId')}). The vendor generates it: unique to you and unguessable, sent with the quick-create link. Use exactly the value the vendor gives you and do not pick your own; that is what stops another customer of the vendor from getting the vendor to act on your role (the confused-deputy problem).`,
      `- **Session length**: credentials last at most ${trust.maxSessionDuration} seconds (${hours(trust.maxSessionDuration)}); to keep working the vendor must assume the role again, which you can stop at any time.`,
      `- **Permissions**: the customer-managed policies ${code(awsPolicyName(shown(AWS.inputs.prefix), tag, shown('region'), 1))} and following, listed under "What it can do".`,
      `- **You send back**: the stack output ${code(AWS.outputs.roleArn)}.`,
      '',
      ...mermaid([
        'flowchart LR',
        `  vendor[${mermaidLabel("Vendor's role", trust.managingRoleArn)}] -->|${mermaidLabel('sts:AssumeRole', `with ${AWS.inputs.externalId}`)}| role[${mermaidLabel('Your IAM role', role)}]`,
        `  role -->|${mermaidLabel(`credentials, at most ${hours(trust.maxSessionDuration)}`)}| resources[${mermaidLabel(`Your resources named ${shown(AWS.inputs.prefix)}-*`)}]`,
      ]),
      '',
    );
  }
  if (model.gcp) {
    const account = `${identityName(shown(GCP.inputs.prefix))}@${shown(GCP.inputs.project)}.iam.gserviceaccount.com`;
    lines.push(
      '### GCP',
      '',
      `- **Identity in your project**: the service account ${code(account)}, created by the Terraform configuration. It has no keys.`,
      `- **Who can use it**: only the vendor's service account ${code(model.gcp.managingServiceAccount)}, which gets ${code('roles/iam.serviceAccountTokenCreator')} on this one service account (not on the project) to mint short-lived tokens for it.`,
      '- **Condition**: none beyond that grant; Google checks it each time a token is minted.',
      `- **Session length**: access tokens last one hour by default, and at most 12 hours only if your organization policy ${code('constraints/iam.allowServiceAccountCredentialLifetimeExtension')} allows the vendor's account.`,
      `- **Permissions**: one custom role per permission set, bound to the service account with ${code('google_project_iam_member')} (additive: your other grants are untouched), listed under "What it can do".`,
      `- **You send back**: the output ${code(GCP.outputs.serviceAccountEmail)}.`,
      `- **Before you apply**: the module enables the APIs it needs in your project (${codeList(Object.keys(GCP_REQUIRED_APIS))}) and leaves them enabled on destroy; the vendor's own project needs ${code(GCP_VENDOR_API)}.`,
      `- **Organization policy**: if ${code('constraints/iam.allowedPolicyMemberDomains')} (domain-restricted sharing) is enforced, the token-creator grant to the vendor's account is refused until you allow the vendor's organization.`,
      '',
      ...mermaid([
        'flowchart LR',
        `  vendor[${mermaidLabel("Vendor's service account", model.gcp.managingServiceAccount)}] -->|${mermaidLabel('generateAccessToken', 'roles/iam.serviceAccountTokenCreator')}| account[${mermaidLabel('Your service account', account)}]`,
        `  account -->|${mermaidLabel('custom roles, 1-hour tokens')}| resources[${mermaidLabel(`Your project ${shown(GCP.inputs.project)}`)}]`,
      ]),
      '',
    );
  }
  if (model.azure) {
    const identity = identityName(shown(AZURE.inputs.prefix));
    const group = shown(AZURE.inputs.resourceGroup);
    lines.push(
      '### Azure',
      '',
      `- **Identity in your subscription**: the user-assigned managed identity ${code(identity)} in the resource group ${code(group)}. It has no secret or certificate.`,
      `- **Who can use it**: a workload presenting an OIDC token from the issuer ${code(model.azure.issuer)} with the subject ${code(model.azure.subject)}, through the federated credential ${code(AZURE_FEDERATED_CREDENTIAL_NAME)}.`,
      `- **Condition**: issuer, subject and audience (${code(model.azure.audience)}) must all match exactly.`,
      '- **Session length**: Microsoft Entra ID access tokens, valid for about an hour (60 to 90 minutes); each new one needs a new OIDC token from the issuer.',
      `- **Permissions**: one custom role, ${code(azureRoleName(shown(AZURE.inputs.prefix), group, shown('hash')))}, assignable to and assigned at the resource group only, listed under "What it can do".`,
      `- **You send back**: the outputs ${codeList(Object.values(AZURE.outputs))}.`,
      `- **Before you apply**: the subscription must have these resource providers registered, because the configuration registers none and the vendor, confined to the resource group, cannot: ${codeList(azureResourceProviders(model.permissionSets))}.`,
      '',
      ...mermaid([
        'flowchart LR',
        `  vendor[${mermaidLabel("Vendor's workload", `issuer ${model.azure.issuer}`, `subject ${model.azure.subject}`)}] -->|${mermaidLabel('OIDC token', `audience ${model.azure.audience}`)}| identity[${mermaidLabel('Your managed identity', identity)}]`,
        `  identity -->|${mermaidLabel('custom role, about 1-hour tokens')}| resources[${mermaidLabel(`Resource group ${group}`)}]`,
      ]),
      '',
    );
  }
  return lines;
}

function hours(seconds: number): string {
  const h = seconds / 3600;
  return Number.isInteger(h) ? `${h} hour${h === 1 ? '' : 's'}` : `${seconds / 60} minutes`;
}
