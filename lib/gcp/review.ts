import { parse, REVIEW_FILE, terraformApply, terraformUpgradeAndRevoke, type ReleaseText } from '../core/install-text';
import { code, codeList, mermaid, mermaidLabel, shown } from '../core/markdown';
import { gcpServiceAccountDomain, gcpServiceAccountIdShown } from '../core/names';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import type { GcpTrust, TrustModel, WorkloadIdentity } from '../model/trust-model';
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

/** INSTALL.md's GCP steps: applying, checking, upgrading and revoking. */
export function gcpInstall(model: TrustModel, files: ReleaseText): string[] {
  const gcp = CUSTOMER_INTERFACE.gcp;
  const account = `${gcpServiceAccountIdShown(shown(gcp.inputs.prefix), model.name).id}@${gcpServiceAccountDomain(shown(gcp.inputs.project))}`;
  const root = parse(files, 'gcp/main.tf.json');
  return [
    '## GCP',
    '',
    `Apply ${code('gcp/main.tf.json')} (a root that calls ${code('gcp/module/')}; call the module from your own root instead if you prefer) as a user or CI identity that may administer service accounts, custom roles, the project's IAM bindings and its services on the project (${code('roles/owner')} covers them), signed in with application default credentials (\`gcloud auth application-default login\`).`,
    '',
    ...terraformApply('gcp', root, gcp.outputs.serviceAccountEmail),
    '### Check it',
    '',
    `\`gcloud iam service-accounts get-iam-policy '${account}'\` shows the one grant that lets the vendor in. The output ${code(gcp.outputs.template)} is ${code(`${model.name}@${model.version}`)}.`,
    '',
    ...terraformUpgradeAndRevoke(
      `\`terraform destroy\` where you applied it: the service account, its custom roles and grants, and the vendor's grant are deleted; nothing else in your project is touched. [${REVIEW_FILE}](${REVIEW_FILE}), "Revoking access", gives the commands to stop new tokens while keeping the rest, and what revoking does not undo.`,
    ),
  ];
}

/** The review's GCP parts of "Workload identities". */
export const GCP_WORKLOAD_REVIEW = {
  identity: (_model: TrustModel, identity: WorkloadIdentity): string => {
    const { id, note } = gcpServiceAccountIdShown(shown(GCP.inputs.prefix), identity.name);
    return `on GCP the service account ${code(`${id}@${gcpServiceAccountDomain(shown(GCP.inputs.project))}`)}${note}, with no keys`;
  },
  permissions: (): string => "; on GCP custom roles of those sets, bound to each service account with the set's own condition",
  vendor: (model: TrustModel): string =>
    `- **What the vendor may do with them on GCP**: ${
      model.permissionSets.some((set) => set.gcp?.actAsRuntimeServiceAccounts)
        ? `act as them (${code('roles/iam.serviceAccountUser')} on each of these accounts alone, never on the project), so what it deploys runs as one of them and as no other account.`
        : 'nothing acts as them (no granted set deploys with a runtime service account).'
    } It grants them no role: this configuration binds theirs.`,
  deletion: '`terraform destroy` of the GCP configuration deletes the service accounts and their roles',
};
