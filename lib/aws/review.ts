import {
  BEFORE_UPGRADE,
  outputNames,
  parse,
  REVIEW_FILE,
  terraformApply,
  TERRAFORM_UPGRADE,
  text,
  type Declared,
  type ReleaseText,
} from '../core/install-text';
import { code, codeList, hours, mermaid, mermaidLabel, shown } from '../core/markdown';
import {
  AWS_IAM_PATH,
  awsPolicyName,
  awsProductTag,
  awsRoleName,
  awsStackName,
  awsWorkloadPath,
  awsWorkloadPolicyName,
  awsWorkloadRoleName,
} from '../core/names';
import { INSTANCE_PROFILE_SERVICE, WORKLOAD_SERVICES } from '../core/workload-services';
import { AWS_TERRAFORM_INTERFACE, CUSTOMER_INTERFACE } from '../model/customer-interface';
import type { AwsTrust, TrustModel, WorkloadIdentity } from '../model/trust-model';
import { awsNeedsTaggedVpc, awsServiceLinkedRoles } from './aws-prerequisites';
import { awsForm } from './forms';
import { REGISTRATION } from './registration';

const AWS = CUSTOMER_INTERFACE.aws;

/** The review's AWS part of "Who can get in": the role, who may use it, for how long, what the customer sends back. */
export function awsTrust(model: TrustModel, trust: AwsTrust): string[] {
  const tag = awsProductTag(model.name);
  const role = `${AWS_IAM_PATH.slice(1)}${awsRoleName(shown(AWS.inputs.prefix), tag, shown('region'))}`;
  const session = `credentials last at most ${trust.maxSessionDuration} seconds (${hours(trust.maxSessionDuration)}); to keep working the vendor must assume the role again, which you can stop at any time.`;
  const form = awsForm(trust);
  const { vendor, edge } = form.diagram(trust);
  return [
    '### AWS',
    '',
    `- **Identity in your account**: the IAM role ${code(role)}, created by the CloudFormation stack. Its name holds the prefix, the product and the region, so stacks for other deployments, products or regions in the same account never collide, and its path keeps it out of reach of every grant below (the vendor cannot pass this role to a function of its own).`,
    `- **Reads itself**: the role may read its own definition (${code('iam:GetRole')} on itself only), which the vendor's manager does every 30 seconds; nothing lets it change itself, its policies or its boundary.`,
    `- **CloudFormation or Terraform**: apply ${code('aws/template.json')} as a stack, or ${code('aws/main.tf.json')} (or ${code('aws/module/')} from your own root) with Terraform: the same role, trust, policies and outputs, from one model; a test gives every request the same answer from both. Everything below holds for either.`,
    ...form.who(trust),
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

/**
 * What the customer sends back: with registration, nothing by hand, and exactly what the stack
 * sends the vendor instead.
 */
function awsRegistration(model: TrustModel, trust: AwsTrust): string[] {
  const token = model.registration?.aws?.serviceToken;
  const outputs = [AWS.outputs.roleArn, ...(model.workloadIdentities ? [AWS.outputs.workloadRoleArns] : [])];
  if (!token) return [`- **You send back**: the stack output${outputs.length > 1 ? 's' : ''} ${codeList(outputs)}.`];
  const binding = AWS.inputs[awsForm(trust).binding];
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

/** The review's AWS steps of "Revoking access". */
export function awsRevocation(model: TrustModel, trust: AwsTrust): string[] {
  // update-assume-role-policy takes the name without the path.
  const role = awsRoleName(shown(AWS.inputs.prefix), awsProductTag(model.name), shown('region'));
  const denyAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', ...awsForm(trust).vendorStatement(trust) }] });
  return [
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
  ];
}

/** INSTALL.md's AWS steps: quick-create or the CLI, Terraform, checking, upgrading and revoking. */
export function awsInstall(model: TrustModel, files: ReleaseText): string[] {
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

/** The review's AWS parts of "Workload identities". */
export const AWS_WORKLOAD_REVIEW = {
  identity: (_model: TrustModel, identity: WorkloadIdentity): string => {
    const prefix = shown(AWS.inputs.prefix);
    const services = identity.services.map((s) => WORKLOAD_SERVICES[s]);
    const held = services.filter((s) => s.sourceAccount).map((s) => s.aws);
    return `on AWS the role ${code(`${awsWorkloadPath(prefix).slice(1)}${awsWorkloadRoleName(prefix, identity.name)}`)}, trusted only by ${codeList(services.map((s) => s.aws))} (what runs as it: ${services.map((s) => s.runs).join(', ')})${held.length > 0 ? `, ${held.length === services.length ? 'each' : codeList(held)} only for your own account (${code('aws:SourceAccount')})` : ''}${identity.services.includes(INSTANCE_PROFILE_SERVICE) ? `, with the instance profile ${code(awsWorkloadRoleName(prefix, identity.name))}` : ''}`;
  },
  permissions: (model: TrustModel): string =>
    `, as the managed policies ${code(awsWorkloadPolicyName(shown(AWS.inputs.prefix), awsProductTag(model.name), shown('region'), 1))} and following under ${code(AWS_IAM_PATH)} on AWS`,
  vendor: (model: TrustModel): string => {
    const passesRoles = model.permissionSets.some((set) => set.aws?.some((s) => s.actions.includes('iam:PassRole')));
    return `- **What the vendor may do with them on AWS**: ${passesRoles ? '' : 'nothing today (no granted set passes a role); a set that does holds '}${code('iam:PassRole')} only on ${code(`role${awsWorkloadPath(shown(AWS.inputs.prefix))}*`)}, a path that holds nothing else (your own roles and the vendor's management role sit elsewhere), and only to the service each grant names (${code('iam:PassedToService')}). No grant creates, re-trusts, tags or deletes a role, or writes a role policy.`;
  },
  deletion:
    'deleting the CloudFormation stack (or `terraform destroy` of the AWS configuration) deletes the roles, their policies and instance profiles',
};
