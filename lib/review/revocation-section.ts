import { CLOUD_NAMES } from '../core/variables';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import {
  AZURE_FEDERATED_CREDENTIAL_NAME,
  awsProductTag,
  awsRoleName,
  azureIdentityName,
  gcpServiceAccountDomain,
  gcpServiceAccountIdShown,
} from '../core/names';
import { customerSubject, issuerHost } from '../core/customer-binding';
import { byKind, type AwsTrust, type ByKind, type GcpTrust, type TrustModel } from '../model/trust-model';
import { code, shown } from './markdown';

/** How to cut the vendor off on each cloud, at once or for good, and what stops working. */
export function revocationSection(model: TrustModel): string[] {
  const lines = [
    '## Revoking access',
    '',
    `Revoking stops the vendor from deploying updates, reading logs and running commands for ${code(model.name)} in your cloud; the resources it created stay where they are. Credentials already issued last until they expire (see "Session length" above) unless you also take the second step listed.`,
    '',
  ];
  if (model.aws) {
    // update-assume-role-policy takes the name without the path.
    const role = awsRoleName(shown(CUSTOMER_INTERFACE.aws.inputs.prefix), awsProductTag(model.name), shown('region'));
    const denied = byKind(AWS_VENDOR_STATEMENT, model.aws);
    const denyAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', ...denied }] });
    lines.push(
      '### AWS',
      '',
      `- **Stop new sessions, keep the stack**: replace the role's trust policy, in the IAM console (Roles → ${code(role)} → Trust relationships) or with`,
      '',
      '  ```sh',
      `  aws iam update-assume-role-policy --role-name '${role}' --policy-document '${denyAll}'`,
      '  ```',
      '',
      `- **End sessions already issued**: IAM console → Roles → ${code(role)} → Revoke active sessions.`,
      `- **Remove everything**: delete the stack (CloudFormation console → the stack → Delete, or \`aws cloudformation delete-stack --stack-name <stack name>\`). The role and its policies are deleted${model.workloadIdentities ? ', and so are the workload roles, their policies and instance profiles (the vendor created no role of its own to leave behind)' : ''}, and credentials issued for the role lose every permission with them.`,
      '',
    );
  }
  if (model.gcp) {
    const account = `${gcpServiceAccountIdShown(shown(CUSTOMER_INTERFACE.gcp.inputs.prefix), model.name).id}@${gcpServiceAccountDomain(shown(CUSTOMER_INTERFACE.gcp.inputs.project))}`;
    lines.push(
      '### GCP',
      '',
      ...gcpStopNewTokens(model.gcp, account),
      '',
      `- **End tokens already issued**: disable the service account (\`gcloud iam service-accounts disable '${account}'\`); every token minted for it stops working.`,
      `- **Remove everything**: \`terraform destroy\` in the folder where you applied this template. The service account, its custom roles and grants, and the token-creator grant are deleted${model.workloadIdentities ? ', and so are the workload service accounts and their roles' : ''}; nothing else in your project is touched.`,
      '',
    );
  }
  if (model.azure) {
    const identity = azureIdentityName(shown(CUSTOMER_INTERFACE.azure.inputs.prefix), model.name);
    const group = shown(CUSTOMER_INTERFACE.azure.inputs.resourceGroup);
    lines.push(
      '### Azure',
      '',
      '- **Stop new sign-ins, keep the rest**: delete the federated credential:',
      '',
      '  ```sh',
      `  az identity federated-credential delete --name ${AZURE_FEDERATED_CREDENTIAL_NAME} --identity-name '${identity}' --resource-group '${group}' --yes`,
      '  ```',
      '',
      `- **End tokens already issued**: remove the role assignment (\`az role assignment delete --assignee '<${CUSTOMER_INTERFACE.azure.outputs.principalId}>' --resource-group '${group}'\`); the identity then holds no permissions (Azure can take a few minutes to apply it).`,
      `- **Remove everything**: \`terraform destroy\` in the folder where you applied this template. The identity, its federated credential, the custom role and its assignment are deleted${model.workloadIdentities ? ', and so are the workload identities and their role assignments' : ''}; the resource group and its resources stay.`,
      '',
    );
  }
  return [...lines, ...notUndone(model)];
}

/**
 * What revoking leaves behind, derived from the granted sets: code the vendor deployed keeps
 * running as the workloads' identities (true of every spec), and per cloud each set marked
 * `outlivesRevocation`, with how to find and remove what it left.
 */
function notUndone(model: TrustModel): string[] {
  const lines = [
    '### What revoking does not undo',
    '',
    "- **Deployed code keeps running**: what the vendor deployed runs on as your workloads' own identities, with their permissions, until you replace or stop it.",
  ];
  const marked = model.permissionSets.filter((s) => s.outlivesRevocation);
  for (const cloud of model.clouds) {
    for (const set of marked) {
      const find = set.outlivesRevocation?.[cloud];
      if (find && !set.unsupported[cloud])
        lines.push(`- **${CLOUD_NAMES[cloud]}, ${code(set.id)}**: ${set.outlivesRevocation!.reason} ${find}`);
    }
  }
  if (marked.length === 0)
    lines.push('- Nothing else: no granted set writes a trust or resource policy, attaches an identity or resets a credential.');
  return [...lines, ''];
}

/**
 * Per trust form, what lets the vendor in, so that revoking names it: one entry per form of the
 * model's union (ByKind), so a form added to it without its revocation text does not compile.
 */

/** The trust statement a deny must match, per AWS trust form. */
const AWS_VENDOR_STATEMENT: ByKind<AwsTrust, { Principal: object; Action: string }> = {
  role: (trust) => ({ Principal: { AWS: trust.managingRoleArn }, Action: 'sts:AssumeRole' }),
  oidc: (trust) => ({
    Principal: { Federated: `arn:aws:iam::<account>:oidc-provider/${issuerHost(trust.oidc.issuer)}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
  }),
};

/** The grant on the service account that lets the vendor in, per GCP trust form: what it is, its member, its role. */
const GCP_VENDOR_GRANT: ByKind<GcpTrust, [what: string, member: string, role: string]> = {
  oidc: (trust) => [
    "the vendor's workload-identity grant",
    `principal://iam.googleapis.com/projects/<project number>/locations/global/workloadIdentityPools/<pool>/subject/${customerSubject(trust.oidc.subjectPrefix, `<${CUSTOMER_INTERFACE.gcp.inputs.customerId}>`)}`,
    'roles/iam.workloadIdentityUser',
  ],
  pinned: (trust) => ["the vendor's token-creator grant", `serviceAccount:${trust.serviceAccount}`, 'roles/iam.serviceAccountTokenCreator'],
  'per-customer': () => [
    "the vendor's token-creator grant",
    `serviceAccount:<${CUSTOMER_INTERFACE.gcp.inputs.vendorServiceAccount}>`,
    'roles/iam.serviceAccountTokenCreator',
  ],
};

/** Removing the grant that lets the vendor in, per GCP trust form. */
function gcpStopNewTokens(trust: GcpTrust, account: string): string[] {
  const [what, member, role] = byKind(GCP_VENDOR_GRANT, trust);
  return [
    `- **Stop new tokens, keep the rest**: remove ${what}:`,
    '',
    '  ```sh',
    `  gcloud iam service-accounts remove-iam-policy-binding '${account}' --member='${member}' --role=${role}`,
    '  ```',
  ];
}
