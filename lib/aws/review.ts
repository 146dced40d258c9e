import { code, codeList, hours, mermaid, mermaidLabel, shown } from '../core/markdown';
import { AWS_IAM_PATH, awsPolicyName, awsProductTag, awsRoleName } from '../core/names';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import type { AwsTrust, TrustModel } from '../model/trust-model';
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
