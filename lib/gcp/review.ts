import { code, codeList, mermaid, mermaidLabel, shown } from '../core/markdown';
import { gcpServiceAccountDomain, gcpServiceAccountIdShown } from '../core/names';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import type { GcpTrust, TrustModel } from '../model/trust-model';
import { gcpForm } from './forms';
import { gcpApisFor, GCP_VENDOR_API } from './required-apis';

const GCP = CUSTOMER_INTERFACE.gcp;

/** The deployment's service account as the review shows it. */
function shownAccount(model: TrustModel): { account: string; note: string } {
  const { id, note } = gcpServiceAccountIdShown(shown(GCP.inputs.prefix), model.name);
  return { account: `${id}@${gcpServiceAccountDomain(shown(GCP.inputs.project))}`, note };
}

/** The review's GCP part of "Who can get in": the service account, who may use it, what the customer sends back. */
export function gcpTrust(model: TrustModel, trust: GcpTrust): string[] {
  const { account, note } = shownAccount(model);
  const apis = gcpApisFor(trust);
  const form = gcpForm(trust);
  const { vendor, edge } = form.diagram(trust);
  return [
    '### GCP',
    '',
    `- **Identity in your project**: the service account ${code(account)}${note}, created by the Terraform configuration. It has no keys.`,
    ...form.who(trust),
    `- **Session length**: access tokens last one hour by default, and at most 12 hours only if your organization policy ${code('constraints/iam.allowServiceAccountCredentialLifetimeExtension')} allows the vendor's account.`,
    `- **Permissions**: one custom role per permission set, bound to the service account with ${code('google_project_iam_member')} (additive: your other grants are untouched), listed under "What it can do".`,
    `- **You send back**: the output ${code(GCP.outputs.serviceAccountEmail)}.`,
    `- **Before you apply**: the module enables the APIs it needs in your project (${codeList(apis)}) and leaves them enabled on destroy; the vendor's own project needs ${code(GCP_VENDOR_API)}.`,
    ...(form.organizationPolicy ? [form.organizationPolicy] : []),
    '',
    ...mermaid([
      'flowchart LR',
      `  vendor[${vendor}] -->|${edge}| account[${mermaidLabel('Your service account', account)}]`,
      `  account -->|${mermaidLabel('custom roles, 1-hour tokens')}| resources[${mermaidLabel(`Your project ${shown(GCP.inputs.project)}`)}]`,
    ]),
    '',
  ];
}

/** The review's GCP steps of "Revoking access". */
export function gcpRevocation(model: TrustModel, trust: GcpTrust): string[] {
  const { account } = shownAccount(model);
  const { what, member, role } = gcpForm(trust).vendorGrant(trust);
  return [
    '### GCP',
    '',
    `- **Stop new tokens, keep the rest**: remove ${what}:`,
    '',
    '  ```sh',
    `  gcloud iam service-accounts remove-iam-policy-binding '${account}' --member='${member}' --role=${role}`,
    '  ```',
    '',
    `- **End tokens already issued**: disable the service account (\`gcloud iam service-accounts disable '${account}'\`); every token minted for it stops working.`,
    `- **Remove everything**: \`terraform destroy\` in the folder where you applied this template. The service account, its custom roles and grants, and the token-creator grant are deleted${model.workloadIdentities ? ', and so are the workload service accounts and their roles' : ''}; nothing else in your project is touched.`,
    '',
  ];
}
