import { awsNeedsTaggedVpc, awsServiceLinkedRoles } from '../aws/aws-prerequisites';
import { REGISTRATION } from '../aws/registration';
import { azureResourceProviders, azureRoleOperations } from '../azure/azure-operations';
import { gcpApisFor, GCP_VENDOR_API } from '../gcp/required-apis';
import { customerSubject, issuerHost } from '../core/customer-binding';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import {
  AWS_IAM_PATH,
  AZURE_FEDERATED_CREDENTIAL_NAME,
  awsPolicyName,
  awsProductTag,
  awsRoleName,
  awsWorkloadPath,
  awsWorkloadPolicyName,
  awsWorkloadRoleName,
  azureIdentityName,
  azureWorkloadIdentityName,
  azureRoleName,
  gcpServiceAccountIdShown,
  gcpServiceAccountDomain,
} from '../core/names';
import { type AwsTrust, type AzureTrust, type GcpTrust, type TrustModel, byKind, type ByKind } from '../model/trust-model';
import { INSTANCE_PROFILE_SERVICE, WORKLOAD_SERVICES } from '../core/workload-services';
import { code, codeList, mermaid, mermaidLabel, shown } from './markdown';

const AWS = CUSTOMER_INTERFACE.aws;
const GCP = CUSTOMER_INTERFACE.gcp;
const AZURE = CUSTOMER_INTERFACE.azure;

/** The paragraph every pinned (single) identity gets: the risk the spec chose. */
const CONFUSED_DEPUTY =
  'one vendor identity for every customer: a customer who gives the vendor your identity could get the vendor to act on it for them (the confused-deputy problem). Ask the vendor for a per-customer form.';

/** Who can get in, under which conditions, for how long, and what the customer sends back. */
export function trustSection(model: TrustModel): string[] {
  return [
    '## Who can get in',
    '',
    ...(model.aws ? awsTrust(model, model.aws) : []),
    ...(model.gcp ? gcpTrust(model, model.gcp) : []),
    ...(model.azure ? azureTrust(model, model.azure) : []),
    ...workloadSection(model),
  ];
}

/**
 * The identities the application runs as (spec `workloadIdentities`): created by the customer's
 * template, trusted only by the services the spec names, with the permissions of the workload
 * sets; the vendor only passes, attaches or acts as them. Shown beside the vendor's own identity because
 * code the vendor deploys runs as them.
 */
function workloadSection(model: TrustModel): string[] {
  const workload = model.workloadIdentities;
  if (!workload) return [];
  const prefix = shown(AWS.inputs.prefix);
  const azurePrefix = shown(AZURE.inputs.prefix);
  const passesRoles = model.permissionSets.some((set) => set.aws?.some((s) => s.actions.includes('iam:PassRole')));
  const gcpWorkload = (name: string) => gcpServiceAccountIdShown(shown(GCP.inputs.prefix), name);
  const identities = workload.identities.map((identity) => {
    const services = identity.services.map((s) => WORKLOAD_SERVICES[s]);
    const held = services.filter((s) => s.sourceAccount).map((s) => s.aws);
    const parts = [
      ...(model.aws
        ? [
            `on AWS the role ${code(`${awsWorkloadPath(prefix).slice(1)}${awsWorkloadRoleName(prefix, identity.name)}`)}, trusted only by ${codeList(services.map((s) => s.aws))} (what runs as it: ${services.map((s) => s.runs).join(', ')})${held.length > 0 ? `, ${held.length === services.length ? 'each' : codeList(held)} only for your own account (${code('aws:SourceAccount')})` : ''}${identity.services.includes(INSTANCE_PROFILE_SERVICE) ? `, with the instance profile ${code(awsWorkloadRoleName(prefix, identity.name))}` : ''}`,
          ]
        : []),
      ...(model.gcp
        ? [
            `on GCP the service account ${code(`${gcpWorkload(identity.name).id}@${gcpServiceAccountDomain(shown(GCP.inputs.project))}`)}${gcpWorkload(identity.name).note}, with no keys`,
          ]
        : []),
      ...(model.azure
        ? [
            `on Azure the user-assigned managed identity ${code(azureWorkloadIdentityName(azurePrefix, identity.name))} in ${code(shown(AZURE.inputs.resourceGroup))}, with no federated credential and no secret`,
          ]
        : []),
    ];
    return `- **${code(identity.name)}**: ${parts.length > 0 ? parts.join('; ') : 'no identity on the clouds generated here'}.`;
  });
  const sets = codeList(workload.permissionSets.map((s) => s.id));
  return [
    '### Workload identities',
    '',
    `Your application runs as these identities. The template creates them and writes their trust policies; the vendor never creates identities or writes a trust policy, and may only pass, attach or act as exactly these.`,
    '',
    ...identities,
    `- **What they may do**: the permission sets ${sets}${model.aws ? `, as the managed policies ${code(awsWorkloadPolicyName(prefix, awsProductTag(model.name), shown('region'), 1))} and following under ${code(AWS_IAM_PATH)} on AWS` : ''}${model.gcp ? "; on GCP custom roles of those sets, bound to each service account with the set's own condition" : ''}${model.azure && workload.azureRoles.length > 0 ? `; on Azure the built-in roles ${codeList(workload.azureRoles.map((r) => r.name))}, assigned by the template at the resource group` : ''}. Their details are under "What it can do" for the sets the vendor holds too, and in the catalog otherwise.`,
    ...(model.aws
      ? [
          `- **What the vendor may do with them on AWS**: ${passesRoles ? '' : 'nothing today (no granted set passes a role); a set that does holds '}${code('iam:PassRole')} only on ${code(`role${awsWorkloadPath(prefix)}*`)}, a path that holds nothing else (your own roles and the vendor's management role sit elsewhere), and only to the service each grant names (${code('iam:PassedToService')}). No grant creates, re-trusts, tags or deletes a role, or writes a role policy.`,
        ]
      : []),
    ...(model.gcp
      ? [
          `- **What the vendor may do with them on GCP**: ${
            model.permissionSets.some((set) => set.gcp?.actAsRuntimeServiceAccounts)
              ? `act as them (${code('roles/iam.serviceAccountUser')} on each of these accounts alone, never on the project), so what it deploys runs as one of them and as no other account.`
              : 'nothing acts as them (no granted set deploys with a runtime service account).'
          } It grants them no role: this configuration binds theirs.`,
        ]
      : []),
    ...(model.azure
      ? [
          `- **What the vendor may do with them on Azure**: ${
            azureRoleOperations(model.permissionSets).attaches
              ? `attach them (${code('userAssignedIdentities/assign/action')}) through a role assigned at each workload identity alone, never at the resource group, so the vendor's own managed identity can never be attached to anything.`
              : 'nothing attaches them (no granted set attaches identities).'
          } Its role assignments, where a set grants them, go only to these identities and only with their ${code('azureRoles')}.`,
        ]
      : []),
    `- **When you delete the stack**: ${[
      ...(model.aws
        ? [
            'deleting the CloudFormation stack (or `terraform destroy` of the AWS configuration) deletes the roles, their policies and instance profiles',
          ]
        : []),
      ...(model.gcp ? ['`terraform destroy` of the GCP configuration deletes the service accounts and their roles'] : []),
      ...(model.azure ? ['`terraform destroy` of the Azure configuration deletes the identities and their role assignments'] : []),
    ].join('; ')}. Code the vendor deployed that runs as them loses its credentials with them.`,
    '',
  ];
}

function awsTrust(model: TrustModel, trust: AwsTrust): string[] {
  const tag = awsProductTag(model.name);
  const role = `${AWS_IAM_PATH.slice(1)}${awsRoleName(shown(AWS.inputs.prefix), tag, shown('region'))}`;
  const session = `credentials last at most ${trust.maxSessionDuration} seconds (${hours(trust.maxSessionDuration)}); to keep working the vendor must assume the role again, which you can stop at any time.`;
  const { who, vendor, edge } = byKind(AWS_FORM_REVIEW, trust);
  return [
    '### AWS',
    '',
    `- **Identity in your account**: the IAM role ${code(role)}, created by the CloudFormation stack. Its name holds the prefix, the product and the region, so stacks for other deployments, products or regions in the same account never collide, and its path keeps it out of reach of every grant below (the vendor cannot pass this role to a function of its own).`,
    `- **Reads itself**: the role may read its own definition (${code('iam:GetRole')} on itself only), which the vendor's manager does every 30 seconds; nothing lets it change itself, its policies or its boundary.`,
    `- **CloudFormation or Terraform**: apply ${code('aws/template.json')} as a stack, or ${code('aws/main.tf.json')} (or ${code('aws/module/')} from your own root) with Terraform: the same role, trust, policies and outputs, from one model; a test gives every request the same answer from both. Everything below holds for either.`,
    ...who,
    `- **Session length**: ${session}`,
    `- **Permissions**: the customer-managed policies ${code(awsPolicyName(shown(AWS.inputs.prefix), tag, shown('region'), 1))} and following, listed under "What it can do".`,
    ...awsRegistration(model, trust),
    ...awsBeforeLaunch(model),
    '',
    ...mermaid([
      'flowchart LR',
      `  vendor[${vendor}] -->|${edge}| role[${mermaidLabel('Your IAM role', role)}]`,
      `  role -->|${mermaidLabel(`credentials, at most ${hours(trust.maxSessionDuration)}`)}| resources[${mermaidLabel(`Your resources named ${shown(AWS.inputs.prefix)}-*`)}]`,
    ]),
    '',
  ];
}

/** Per AWS trust form: who may use the role and on what condition, and the diagram's vendor and edge. */
const AWS_FORM_REVIEW: ByKind<AwsTrust, { who: string[]; vendor: string; edge: string }> = {
  role: (trust) => ({
    who: [
      `- **Who can use it**: only the vendor's IAM role ${code(trust.managingRoleArn)}, through ${code('sts:AssumeRole')}. No user, account root or service is trusted.`,
      `- **Condition**: the caller must present the external id you enter as ${code(AWS.inputs.externalId)} (${code('sts:ExternalId')}). The vendor generates it: unique to you and unguessable, sent with the quick-create link. Use exactly the value the vendor gives you and do not pick your own; that is what stops another customer of the vendor from getting the vendor to act on your role (the confused-deputy problem).`,
    ],
    vendor: mermaidLabel("Vendor's role", trust.managingRoleArn),
    edge: mermaidLabel('sts:AssumeRole', `with ${AWS.inputs.externalId}`),
  }),
  oidc: (trust) => ({
    who: [
      `- **Who can use it**: only a holder of an OIDC token from the vendor's issuer ${code(trust.oidc.issuer)}, through ${code('sts:AssumeRoleWithWebIdentity')} and the account's IAM OIDC provider for that issuer (created by the stack, or the one you name in ${code(AWS.inputs.oidcProviderArn)}). No AWS account of the vendor is trusted.`,
      `- **Condition**: the token's audience (${code(`${issuerHost(trust.oidc.issuer)}:aud`)}) must be ${code(trust.oidc.audience)} and its subject (${code(`${issuerHost(trust.oidc.issuer)}:sub`)}) exactly ${code(customerSubject(trust.oidc.subjectPrefix, shown(AWS.inputs.customerId)))}, your customer id at the vendor: a token minted for another customer does not fit.`,
    ],
    vendor: mermaidLabel("Vendor's OIDC issuer", trust.oidc.issuer),
    edge: mermaidLabel('sts:AssumeRoleWithWebIdentity', `sub ${customerSubject(trust.oidc.subjectPrefix, shown(AWS.inputs.customerId))}`),
  }),
};

/**
 * What the customer sends back: with registration, nothing by hand, and exactly what the stack
 * sends the vendor instead.
 */
function awsRegistration(model: TrustModel, trust: AwsTrust): string[] {
  const token = model.registration?.aws?.serviceToken;
  const outputs = [AWS.outputs.roleArn, ...(model.workloadIdentities ? [AWS.outputs.workloadRoleArns] : [])];
  if (!token) return [`- **You send back**: the stack output${outputs.length > 1 ? 's' : ''} ${codeList(outputs)}.`];
  const binding = trust.kind === 'role' ? AWS.inputs.externalId : AWS.inputs.customerId;
  const sent = [
    `${code('RoleArn')} (the role's ARN)`,
    code(AWS.inputs.prefix),
    `${code(binding)} (the value you entered)`,
    `${code('TemplateName')} ${code(model.name)}`,
    `${code('TemplateVersion')} ${code(model.version)}`,
    ...(model.workloadIdentities ? [`${code(AWS.outputs.workloadRoleArns)} (the workload roles, as the output holds them)`] : []),
  ];
  return [
    `- **The stack notifies the vendor**: once the role and its policies exist, a custom resource (${code(REGISTRATION.type)}) sends ${token.includes(':sns:') ? "to the vendor's SNS topic" : "to the vendor's Lambda function"} ${code(token)}: ${sent.join(', ')}, and CloudFormation adds the request type (create, update or delete), the stack id (your account and region), and a presigned URL for the vendor's answer. Nothing else: no credentials, and the vendor gains no access from it. It is sent again on each update and when you delete the stack.`,
    `- **You send back**: nothing; the notification tells the vendor the role. If the vendor does not answer within ${REGISTRATION.serviceTimeout} seconds a create or update fails and rolls back, and a delete of the stack goes on regardless.`,
  ];
}

/** What the account must have before the vendor can use the granted sets; nothing for most specs. */
function awsBeforeLaunch(model: TrustModel): string[] {
  const roles = awsServiceLinkedRoles(model.permissionSets);
  return [
    ...(roles.length > 0
      ? [
          `- **Before the vendor starts**: these AWS services need their service-linked role in the account, which AWS names itself, so no grant here can create it; in an account that has never used them, create each once with ${code('aws iam create-service-linked-role --aws-service-name <service>')}: ${codeList(roles)}.`,
        ]
      : []),
    ...(awsNeedsTaggedVpc(model.permissionSets)
      ? [
          `- **Your own VPC**: the vendor creates in a VPC only when it carries the tag ${code(`deployment=${shown(AWS.inputs.prefix)}`)}; tag a VPC you bring for this deployment so.`,
        ]
      : []),
  ];
}

/** Per GCP trust form, the diagram's vendor and edge. */
const GCP_FORM_DIAGRAM: ByKind<GcpTrust, { vendor: string; edge: string }> = {
  pinned: (trust) => ({
    vendor: mermaidLabel("Vendor's service account", trust.serviceAccount),
    edge: mermaidLabel('generateAccessToken', 'roles/iam.serviceAccountTokenCreator'),
  }),
  'per-customer': () => ({
    vendor: mermaidLabel("Vendor's service account for you", shown(GCP.inputs.vendorServiceAccount)),
    edge: mermaidLabel('generateAccessToken', 'roles/iam.serviceAccountTokenCreator'),
  }),
  oidc: (trust) => ({
    vendor: mermaidLabel("Vendor's OIDC issuer", trust.oidc.issuer),
    edge: mermaidLabel('token exchange', 'roles/iam.workloadIdentityUser'),
  }),
};

function gcpTrust(model: TrustModel, trust: GcpTrust): string[] {
  const { id, note } = gcpServiceAccountIdShown(shown(GCP.inputs.prefix), model.name);
  const account = `${id}@${gcpServiceAccountDomain(shown(GCP.inputs.project))}`;
  const apis = gcpApisFor(trust);
  const who = gcpWho(trust);
  const { vendor, edge } = byKind(GCP_FORM_DIAGRAM, trust);
  return [
    '### GCP',
    '',
    `- **Identity in your project**: the service account ${code(account)}${note}, created by the Terraform configuration. It has no keys.`,
    ...who,
    `- **Session length**: access tokens last one hour by default, and at most 12 hours only if your organization policy ${code('constraints/iam.allowServiceAccountCredentialLifetimeExtension')} allows the vendor's account.`,
    `- **Permissions**: one custom role per permission set, bound to the service account with ${code('google_project_iam_member')} (additive: your other grants are untouched), listed under "What it can do".`,
    `- **You send back**: the output ${code(GCP.outputs.serviceAccountEmail)}.`,
    `- **Before you apply**: the module enables the APIs it needs in your project (${codeList(apis)}) and leaves them enabled on destroy; the vendor's own project needs ${code(GCP_VENDOR_API)}.`,
    ...(trust.kind === 'oidc'
      ? []
      : [
          `- **Organization policy**: if ${code('constraints/iam.allowedPolicyMemberDomains')} (domain-restricted sharing) is enforced, the token-creator grant to the vendor's account is refused until you allow the vendor's organization.`,
        ]),
    '',
    ...mermaid([
      'flowchart LR',
      `  vendor[${vendor}] -->|${edge}| account[${mermaidLabel('Your service account', account)}]`,
      `  account -->|${mermaidLabel('custom roles, 1-hour tokens')}| resources[${mermaidLabel(`Your project ${shown(GCP.inputs.project)}`)}]`,
    ]),
    '',
  ];
}

function gcpWho(trust: GcpTrust): string[] {
  const tokenCreator = `which gets ${code('roles/iam.serviceAccountTokenCreator')} on this one service account (not on the project) to mint short-lived tokens for it`;
  switch (trust.kind) {
    case 'pinned':
      return [
        `- **Who can use it**: only the vendor's service account ${code(trust.serviceAccount)}, ${tokenCreator}.`,
        `- **Condition**: none beyond that grant. Note: ${CONFUSED_DEPUTY}`,
      ];
    case 'per-customer':
      return [
        `- **Who can use it**: only the vendor's service account for you, which you enter as ${code(GCP.inputs.vendorServiceAccount)} and which must belong to the vendor's project ${code(trust.serviceAccountProject)}, ${tokenCreator}.`,
        '- **Condition**: the vendor keeps one service account per customer, so the account that can act on yours acts for you alone; Google checks the grant each time a token is minted.',
      ];
    case 'oidc':
      return [
        `- **Who can use it**: only a holder of an OIDC token from the vendor's issuer ${code(trust.oidc.issuer)}, through a workload identity pool in your project; that one principal gets ${code('roles/iam.workloadIdentityUser')} on this service account. No Google account of the vendor is trusted.`,
        `- **Condition**: the token's audience must be ${code(trust.oidc.audience)} and its subject exactly ${code(customerSubject(trust.oidc.subjectPrefix, shown(GCP.inputs.customerId)))}, your customer id at the vendor; the pool refuses any other subject at the exchange.`,
      ];
  }
}

function azureTrust(model: TrustModel, trust: AzureTrust): string[] {
  const identity = azureIdentityName(shown(AZURE.inputs.prefix), model.name);
  const group = shown(AZURE.inputs.resourceGroup);
  const subject = 'fixed' in trust.subject ? trust.subject.fixed : customerSubject(trust.subject.prefix, shown(AZURE.inputs.customerId));
  return [
    '### Azure',
    '',
    `- **Identity in your subscription**: the user-assigned managed identity ${code(identity)} in the resource group ${code(group)}. It has no secret or certificate.`,
    `- **Who can use it**: a workload presenting an OIDC token from the issuer ${code(trust.issuer)} with the subject ${code(subject)}, through the federated credential ${code(AZURE_FEDERATED_CREDENTIAL_NAME)}.`,
    'fixed' in trust.subject
      ? `- **Condition**: issuer, subject and audience (${code(trust.audience)}) must all match exactly. Note: ${CONFUSED_DEPUTY}`
      : `- **Condition**: issuer, subject and audience (${code(trust.audience)}) must all match exactly; the subject names your customer id (${code(AZURE.inputs.customerId)}), so a token minted for another customer does not fit.`,
    '- **Session length**: Microsoft Entra ID access tokens, valid for about an hour (60 to 90 minutes); each new one needs a new OIDC token from the issuer.',
    `- **Permissions**: one custom role, ${code(azureRoleName(shown(AZURE.inputs.prefix), group, shown('hash')))}, assignable to and assigned at the resource group only, listed under "What it can do".`,
    `- **You send back**: the outputs ${codeList(Object.values(AZURE.outputs).filter((o) => model.workloadIdentities || o !== AZURE.outputs.workloadIdentities))}.`,
    `- **Before you apply**: the subscription must have these resource providers registered, because the configuration registers none and the vendor, confined to the resource group, cannot: ${codeList(azureResourceProviders(model.permissionSets))}.`,
    '',
    ...mermaid([
      'flowchart LR',
      `  vendor[${mermaidLabel("Vendor's workload", `issuer ${trust.issuer}`, `subject ${subject}`)}] -->|${mermaidLabel('OIDC token', `audience ${trust.audience}`)}| identity[${mermaidLabel('Your managed identity', identity)}]`,
      `  identity -->|${mermaidLabel('custom role, about 1-hour tokens')}| resources[${mermaidLabel(`Resource group ${group}`)}]`,
    ]),
    '',
  ];
}

function hours(seconds: number): string {
  const h = seconds / 3600;
  return Number.isInteger(h) ? `${h} hour${h === 1 ? '' : 's'}` : `${seconds / 60} minutes`;
}
