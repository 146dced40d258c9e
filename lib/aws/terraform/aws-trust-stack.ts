import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { awsForm } from '../forms';
import { awsRolePlan, DEPLOYMENT_TAG, type AwsWorkloadPlan } from '../role-plan';
import { AWS_TERRAFORM_INTERFACE, templateRelease } from '../../model/customer-interface';
import { mapConditions } from '../../model/conditions';
import {
  AWS_IAM_PATH,
  awsPolicyDescription,
  awsPolicyName,
  awsRoleName,
  awsWorkloadPath,
  awsWorkloadPolicyDescription,
  awsWorkloadPolicyName,
  awsWorkloadRoleName,
} from '../../core/names';
import type { AwsStatement, TrustModel } from '../../model/trust-model';
import type { Variable } from '../../core/variables';
import { tfLiteral, tfTemplate } from '../../terraform/terraform-string';
import { terraformSettings } from '../../terraform/terraform-settings';
import { prefixVariable, unknownVariable } from '../../terraform/variables';
import { AWS_PROVIDER, AwsData, AwsResource } from './aws-resources';

/** Every provider the AWS module and its root need. */
export const AWS_PROVIDERS = { aws: AWS_PROVIDER } as const;

/** The IAM policy language version every document is written in. */
const POLICY_VERSION = '2012-10-17';

/**
 * A policy document as a literal JSON string with Terraform interpolations in its values. Every
 * interpolation is a bare reference (`${var.…}`, `${data.….…}`, `${local.…}`, `${aws_….…}`), which
 * holds no character JSON escapes, and every value it stands for is one that needs no JSON escape
 * either (prefix, customer and external ids by their validations; partition, region, account
 * and ARNs by AWS's own rules). The spec's text is escaped with tfLiteral.
 */
function policyDocument(statements: readonly object[]): string {
  return JSON.stringify({ Version: POLICY_VERSION, Statement: statements });
}

function statementJson(statement: AwsStatement, render: (template: AwsStatement['resources'][number]) => string): object {
  return {
    Effect: 'Allow',
    Action: [...statement.actions],
    Resource: statement.resources.map(render),
    ...(statement.conditions && { Condition: mapConditions(statement.conditions, render) }),
  };
}

export interface AwsTrustStackProps {
  /** The resolved trust spec; must include AWS. */
  readonly model: TrustModel;
}

/**
 * The customer's AWS module, the Terraform form of TrustRoleStack from the same plan
 * (awsRolePlan): the role with the same name, path, trust and session length, the same packed
 * managed policies attached to it, and the workload boundary when the spec has one.
 * No provider block: the root beside it (or the customer's own root) configures the provider.
 */
export class AwsTrustStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AwsTrustStackProps) {
    super(scope, id);
    const { model } = props;
    const plan = awsRolePlan(model);
    const inputs = AWS_TERRAFORM_INTERFACE.inputs;
    terraformSettings(this, AWS_PROVIDERS);

    const form = awsForm(plan.trust);
    const trustStatement = form.terraform(this, plan.trust);
    prefixVariable(this, 'The role reaches only resources named <prefix>-….');

    const region = dataSource(this, 'aws_region');
    const partition = dataSource(this, 'aws_partition');
    const caller = dataSource(this, 'aws_caller_identity');
    const prefixRef = `\${var.${inputs.prefix}}`;
    const regionRef = region.ref('name');
    const tag = tfLiteral(plan.productTag);
    const values: Partial<Record<Variable, string>> = {
      prefix: prefixRef,
      partition: partition.ref('partition'),
      region: regionRef,
      account: caller.ref('account_id'),
    };
    const render = (template: AwsStatement['resources'][number]) =>
      tfTemplate(template, (name) => values[name] ?? unknownVariable(name, 'aws'));

    const role = new AwsResource(this, 'trust', 'aws_iam_role', {
      name: awsRoleName(prefixRef, tag, regionRef),
      path: AWS_IAM_PATH,
      description: tfLiteral(plan.roleDescription),
      max_session_duration: plan.trust.maxSessionDuration,
      assume_role_policy: policyDocument([trustStatement]),
    });

    if (plan.workload) workloadRoles(this, plan.workload, { prefixRef, tag, regionRef, account: caller.ref('account_id'), render });

    const attachments = plan.policies.map((statements, i) => {
      const policy = new AwsResource(this, `permissions_${i + 1}`, 'aws_iam_policy', {
        name: awsPolicyName(prefixRef, tag, regionRef, i + 1),
        path: AWS_IAM_PATH,
        description: awsPolicyDescription(i + 1),
        policy: policyDocument(statements.map((s) => statementJson(s, render))),
      });
      const attachment = new AwsResource(this, `permissions_${i + 1}_attachment`, 'aws_iam_role_policy_attachment', {
        role: role.ref('name'),
        policy_arn: policy.ref('arn'),
      });
      attachment.overrideLogicalId(`permissions_${i + 1}`);
      return attachment;
    });

    const outputs = AWS_TERRAFORM_INTERFACE.outputs;
    const roleArn = new TerraformOutput(this, outputs.roleArn, {
      value: role.ref('arn'),
      description: form.roleArnOutput,
    });
    // The vendor gets the role only once its policies are attached. The bare addresses: cdktf
    // would write `${…}`, which Terraform refuses in depends_on.
    roleArn.addOverride(
      'depends_on',
      attachments.map((a) => a.address),
    );
    new TerraformOutput(this, outputs.account, { value: caller.ref('account_id'), description: 'The account the role is in.' });
    new TerraformOutput(this, outputs.region, { value: regionRef, description: 'The region the grants are for.' });
    new TerraformOutput(this, outputs.template, {
      value: templateRelease(model),
      description: 'The template name and version this configuration is.',
    });
  }
}

/**
 * The workload roles, as TrustRoleStack's workloadRoles writes them: the same names, path, trust,
 * tag, instance profiles and packed managed policies, from the same plan.
 */
function workloadRoles(
  stack: TerraformStack,
  workload: AwsWorkloadPlan,
  refs: { prefixRef: string; tag: string; regionRef: string; account: string; render: (t: AwsStatement['resources'][number]) => string },
): void {
  const outputs = AWS_TERRAFORM_INTERFACE.outputs;
  const roles = workload.roles.map((role) => {
    const id = `workload_${role.name.replace(/-/g, '_')}`;
    const resource = new AwsResource(stack, id, 'aws_iam_role', {
      name: awsWorkloadRoleName(refs.prefixRef, role.name),
      path: awsWorkloadPath(refs.prefixRef),
      description: tfLiteral(role.description),
      assume_role_policy: policyDocument(
        role.trust.map((t) => ({
          Effect: 'Allow',
          Principal: { Service: t.services.length === 1 ? t.services[0] : [...t.services] },
          Action: 'sts:AssumeRole',
          ...(t.sourceAccount && { Condition: { StringEquals: { 'aws:SourceAccount': refs.account } } }),
        })),
      ),
      tags: { [DEPLOYMENT_TAG]: refs.prefixRef },
    });
    resource.overrideLogicalId(id);
    const profile = role.instanceProfile
      ? new AwsResource(stack, `${id}_profile`, 'aws_iam_instance_profile', {
          name: awsWorkloadRoleName(refs.prefixRef, role.name),
          path: awsWorkloadPath(refs.prefixRef),
          role: resource.ref('name'),
        })
      : undefined;
    profile?.overrideLogicalId(id);
    return { role, resource, profile };
  });
  workload.policies.forEach((statements, i) => {
    const policy = new AwsResource(stack, `workload_permissions_${i + 1}`, 'aws_iam_policy', {
      name: awsWorkloadPolicyName(refs.prefixRef, refs.tag, refs.regionRef, i + 1),
      path: AWS_IAM_PATH,
      description: awsWorkloadPolicyDescription(i + 1),
      policy: policyDocument(statements.map((s) => statementJson(s, refs.render))),
    });
    for (const { role, resource } of roles) {
      const attachment = new AwsResource(stack, `workload_permissions_${i + 1}_${role.name}`, 'aws_iam_role_policy_attachment', {
        role: resource.ref('name'),
        policy_arn: policy.ref('arn'),
      });
      attachment.overrideLogicalId(`workload_${role.name.replace(/-/g, '_')}_${i + 1}`);
    }
  });
  new TerraformOutput(stack, outputs.workloadRoleArns, {
    value: Object.fromEntries(roles.map(({ role, resource }) => [role.name, resource.ref('arn')])),
    description: "The workload roles' ARNs by name: send them to the vendor.",
  });
  const profiles = roles.filter((r) => r.profile);
  if (profiles.length > 0) {
    new TerraformOutput(stack, outputs.workloadInstanceProfileArns, {
      value: Object.fromEntries(profiles.map(({ role, profile }) => [role.name, profile!.ref('arn')])),
      description: "The workload instance profiles' ARNs by name.",
    });
  }
}

/** `data "<type>" "current"`. */
function dataSource(stack: TerraformStack, type: string): AwsData {
  const data = new AwsData(stack, type, type);
  data.overrideLogicalId('current');
  return data;
}
