import { awsForm } from '../aws/forms';
import type { Cloud } from '../core/variables';
import { CUSTOMER_INTERFACE, AWS_TERRAFORM_INTERFACE } from '../model/customer-interface';
import {
  AWS_IAM_PATH,
  awsProductTag,
  awsRoleName,
  awsStackName,
  azureIdentityName,
  AZURE_FEDERATED_CREDENTIAL_NAME,
  gcpServiceAccountDomain,
  gcpServiceAccountIdShown,
} from '../core/names';
import type { TrustModel } from '../model/trust-model';
import type { ReleaseFiles } from '../output/generate';
import { code, codeList, shown } from '../core/markdown';
import { REVIEW_FILE } from './permissions-review';

/** The install page's file name inside a release folder. */
export const INSTALL_FILE = 'INSTALL.md';

/** A CloudFormation parameter or a Terraform variable or output, as the release declares it. */
interface Declared {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
}

/**
 * The page a customer follows to install this release: what it grants in one paragraph, then per
 * cloud the exact steps with this release's paths, parameters and variables, how to check it,
 * upgrade it and revoke it. The inputs are read from the release's own templates (`files`), so
 * the page names exactly what they declare; it is generated and listed in the manifest like
 * PERMISSIONS.md, so `check` and `diff` cover it.
 */
export function installPage(model: TrustModel, files: ReleaseFiles): string {
  const lines = [
    `# Install: ${model.name} ${model.version}`,
    '',
    summary(model),
    '',
    `Run the commands from this release folder (${code(`${model.name}/v${model.version}/`)}). Names in angle brackets, such as ${code(shown(CUSTOMER_INTERFACE.aws.inputs.prefix))}, are the values you choose or the vendor sends you; the vendor's \`terraform.tfvars.json\` for your cloud holds them, so \`terraform apply\` beside it needs no \`-var\`.`,
    '',
    ...(model.aws ? awsSteps(model, files) : []),
    ...(model.gcp ? gcpSteps(model, files) : []),
    ...(model.azure ? azureSteps(model, files) : []),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Before any upgrade: what the customer reads, on every cloud. */
const BEFORE_UPGRADE = `Before moving to a newer release, read its ${code(REVIEW_FILE)} and the vendor's release notes (\`alien-trust diff\` of this release and the new one: every grant added or removed, any trust change, and any resource that would be replaced rather than updated; the identity keeps its name unless the diff lists a replacement).`;

/** Moving a Terraform configuration to a newer release's folder. */
const TERRAFORM_UPGRADE =
  "Then point Terraform at the new release's folder (the `source` of your module block, or the new folder's root with your state), run `terraform init -upgrade`, read `terraform plan` and apply.";

/** What the release grants, in one paragraph, with the link to the review. */
function summary(model: TrustModel): string {
  const sets = model.permissionSets;
  const privileged = sets.filter((s) => s.privilegedReason !== undefined).map((s) => s.id);
  const content = sets.filter((s) => s.contentRead).map((s) => s.id);
  const outliving = sets.filter((s) => s.outlivesRevocation).map((s) => s.id);
  const identities = model.clouds.map((c) => IDENTITY[c]).join(', ');
  const workloads = model.workloadIdentities?.identities ?? [];
  const beyond = model.clouds.includes('gcp') ? sets.filter((s) => s.gcp?.projectWide).map((s) => s.id) : [];
  const marks = [
    privileged.length > 0 ? `privileged (changes access or hands out credentials): ${codeList(privileged)}` : 'none privileged',
    content.length > 0 ? `reading your content: ${codeList(content)}` : 'none reads your content',
    outliving.length > 0 ? `with effects revoking does not undo: ${codeList(outliving)}` : 'none whose effect outlives revoking',
    ...(beyond.length > 0 ? [`on GCP project-wide, because their services ignore IAM conditions: ${codeList(beyond)}`] : []),
  ];
  const workloadText =
    workloads.length > 0
      ? ` It also creates the application's own identities (${codeList(workloads.map((w) => w.name))}), which only the services the spec names may use and the vendor may hand to them; deleting the deployment deletes them.`
      : '';
  return [
    ...(model.description ? [model.description] : []),
    `This release creates one identity per deployment in your cloud (${identities}), which only the vendor can use, through the trust ${REVIEW_FILE} describes, with short-lived credentials and no key or password.${workloadText} It grants ${sets.length === 1 ? 'one permission set' : `${sets.length} permission sets`}, ${codeList(sets.map((s) => s.id))}, scoped to your deployment's resources (named with the resource prefix you choose); ${marks.join('; ')}. [${REVIEW_FILE}](${REVIEW_FILE}) lists every grant with its scope, who can get in under which conditions, and how to revoke: read it before you install.`,
  ].join(' ');
}

const IDENTITY: Record<Cloud, string> = {
  aws: 'AWS: an IAM role',
  gcp: 'GCP: a service account',
  azure: 'Azure: a managed identity',
};

function awsSteps(model: TrustModel, files: ReleaseFiles): string[] {
  const aws = CUSTOMER_INTERFACE.aws;
  const template = parse(files, 'aws/template.json');
  const parameters = Object.entries((template?.Parameters ?? {}) as Record<string, { Default?: unknown; Description?: string }>).map(
    ([name, p]): Declared => ({ name, description: text(p.Description ?? ''), required: p.Default === undefined }),
  );
  const prefix = shown(aws.inputs.prefix);
  const stack = awsStackName(prefix, model.name);
  const role = awsRoleName(prefix, awsProductTag(model.name), shown('region'));
  const registers = model.registration?.aws !== undefined;
  const overrides = parameters.filter((p) => p.required).map((p) => `'${p.name}=${shown(p.name)}'`);
  const lines = [
    '## AWS',
    '',
    '### With the quick-create link (CloudFormation)',
    '',
    `1. Open the quick-create link the vendor sends you, signed in to the account the vendor will manage, in the region you deploy to. It launches this release's ${code('aws/template.json')} (published at ${code(`https://<bucket>.s3.<bucket region>.amazonaws.com/${model.name}/v${model.version}/aws/template.json`)} in the vendor's templates bucket; the vendor's release notes and handoff carry the link) as the stack ${code(stack)}, with the parameters filled in:`,
    ...parameters.map((p) => `   - ${code(p.name)}${p.required ? '' : ' (optional)'}: ${p.description}`),
    `2. Tick **"I acknowledge that AWS CloudFormation might create IAM resources with custom names"** (${code('CAPABILITY_NAMED_IAM')}): the stack creates the role ${code(role)} and its policies under the IAM path ${code(AWS_IAM_PATH)}. Then **Create stack**.`,
    `3. When the stack is ${code('CREATE_COMPLETE')}, ${registers ? 'it has told the vendor its role: nothing to send back. Its' : `open **Outputs** and send the vendor ${code(aws.outputs.roleArn)}. The`} outputs are ${codeList(outputNames(template))}.`,
    '',
    'Or from a terminal, in this folder:',
    '',
    '```sh',
    `aws cloudformation deploy --template-file aws/template.json --stack-name '${stack}' \\`,
    `  --parameter-overrides ${overrides.join(' ')} --capabilities CAPABILITY_NAMED_IAM`,
    `aws cloudformation describe-stacks --stack-name '${stack}' --query "Stacks[0].Outputs"`,
    '```',
    '',
  ];
  const root = parse(files, 'aws/main.tf.json');
  if (root) {
    lines.push(
      '### With Terraform',
      '',
      `The same role, trust and policies as the stack, from ${code('aws/main.tf.json')} (a root that calls ${code('aws/module/')}; call the module from your own root instead if you prefer). One apply per region.`,
      '',
      ...terraformApply('aws', root, AWS_TERRAFORM_INTERFACE.outputs.roleArn),
    );
  }
  lines.push(
    '### Check it',
    '',
    `\`aws iam get-role --role-name '${role}' --query Role.AssumeRolePolicyDocument\` shows the trust: only the vendor's ${awsForm(model.aws!).trustShown}. The output ${code(aws.outputs.template)} (${code('template')} in Terraform) is ${code(`${model.name}@${model.version}`)}.`,
    '',
    '### Upgrade',
    '',
    `${BEFORE_UPGRADE} Then update the stack in place with the new release's template (CloudFormation console: the stack → Update → Replace current template, with the new template's URL; or \`aws cloudformation deploy\` of the new ${code('aws/template.json')} with the same stack name and parameters), or, with Terraform: ${TERRAFORM_UPGRADE.replace(/^Then p/, 'p')}`,
    '',
    '### Revoke',
    '',
    `Delete the stack (\`aws cloudformation delete-stack --stack-name '${stack}'\`), or \`terraform destroy\` where you applied it: the role and its policies are deleted, and credentials issued for it lose every permission with them.${registers ? ' If the vendor does not answer the stack within a minute, delete again retaining `Registration` (`--retain-resources Registration`): the role goes at once.' : ''} [${REVIEW_FILE}](${REVIEW_FILE}), "Revoking access", gives the commands to stop new sessions while keeping the stack, and what revoking does not undo.`,
    '',
  );
  return lines;
}

function gcpSteps(model: TrustModel, files: ReleaseFiles): string[] {
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
    '### Upgrade',
    '',
    `${BEFORE_UPGRADE} ${TERRAFORM_UPGRADE}`,
    '',
    '### Revoke',
    '',
    `\`terraform destroy\` where you applied it: the service account, its custom roles and grants, and the vendor's grant are deleted; nothing else in your project is touched. [${REVIEW_FILE}](${REVIEW_FILE}), "Revoking access", gives the commands to stop new tokens while keeping the rest, and what revoking does not undo.`,
    '',
  ];
}

function azureSteps(model: TrustModel, files: ReleaseFiles): string[] {
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
    '### Upgrade',
    '',
    `${BEFORE_UPGRADE} ${TERRAFORM_UPGRADE}`,
    '',
    '### Revoke',
    '',
    `\`terraform destroy\` where you applied it: the identity, its federated credential, the custom role and its assignment are deleted; the resource group and its resources stay. [${REVIEW_FILE}](${REVIEW_FILE}), "Revoking access", gives the commands to stop new sign-ins while keeping the rest, and what revoking does not undo.`,
    '',
  ];
}

/** `terraform init` and `apply` with every variable the root requires, then its variables and outputs. */
function terraformApply(cloud: Cloud, root: Record<string, unknown> | undefined, sendBack: string | undefined): string[] {
  const variables = Object.entries((root?.variable ?? {}) as Record<string, { default?: unknown; description?: string }>).map(
    ([name, v]): Declared => ({ name, description: text(v.description ?? ''), required: v.default === undefined }),
  );
  const outputs = Object.entries((root?.output ?? {}) as Record<string, { description?: string }>).map(([name, o]) => ({
    name,
    description: text(o.description ?? ''),
  }));
  const vars = variables.filter((v) => v.required).map((v) => `-var '${v.name}=${shown(v.name)}'`);
  return [
    '```sh',
    `cd ${cloud}`,
    'terraform init',
    `terraform apply${vars.length > 0 ? ` ${vars.join(' \\\n  ')}` : ''}`,
    sendBack ? `terraform output ${sendBack}` : 'terraform output',
    '```',
    '',
    'Variables:',
    '',
    ...variables.map((v) => `- ${code(v.name)}${v.required ? '' : ' (optional)'}: ${v.description}`),
    '',
    'Outputs:',
    '',
    ...outputs.map((o) => `- ${code(o.name)}: ${o.description}`),
    '',
  ];
}

/** A template's free text in Markdown: `<prefix>` shown as written, not read as an HTML tag. */
function text(description: string): string {
  return description.replace(/[<>]/g, (c) => `\\${c}`);
}

function outputNames(template: Record<string, unknown> | undefined): string[] {
  return Object.keys((template?.Outputs ?? {}) as Record<string, unknown>);
}

function parse(files: ReleaseFiles, path: string): Record<string, unknown> | undefined {
  const text = files.get(path);
  return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
}
