import { CfnOutput, CfnParameter, DefaultStackSynthesizer, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnInstanceProfile, CfnManagedPolicy, CfnRole, ManagedPolicy, PolicyDocument, Role } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { CUSTOMER_INTERFACE, templateRelease } from '../model/customer-interface';
import {
  AWS_IAM_PATH,
  awsPolicyDescription,
  awsPolicyName,
  awsRoleName,
  awsWorkloadPath,
  awsWorkloadPolicyDescription,
  awsWorkloadPolicyName,
  awsWorkloadRoleName,
  RESOURCE_PREFIX,
} from '../core/names';
import type { TrustModel } from '../model/trust-model';
import { PREFIX_PARAMETER } from './aws-variables';
import { toPolicyStatement } from './policy-statements';
import { awsForm } from './forms';
import { addRegistration, type WorkloadOutputs } from './registration';
import { awsRolePlan, DEPLOYMENT_TAG, workloadLogicalPart, type AwsWorkloadPlan } from './role-plan';

/**
 * The workload roles (spec `workloadIdentities`): created, trusted and given permissions by this
 * stack alone, under `/alien-workload/<prefix>/`, the one path the vendor's PassRole reaches. The
 * vendor can pass them to the services they trust and do nothing else with them. Deleting the
 * stack deletes them, their policies and instance profiles.
 */
function workloadRoles(stack: Stack, workload: AwsWorkloadPlan, prefixRef: string, tag: string): WorkloadOutputs {
  const profiles: { name: string }[] = [];
  const roles = workload.roles.map((role) => {
    const id = workloadLogicalPart(role.name);
    const cfnRole = new CfnRole(stack, `WorkloadRole${id}`, {
      roleName: Fn.sub(awsWorkloadRoleName(prefixRef, role.name)),
      path: Fn.sub(awsWorkloadPath(prefixRef)),
      description: role.description,
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: role.trust.map((t) => ({
          Effect: 'Allow',
          Principal: { Service: t.services.length === 1 ? t.services[0] : [...t.services] },
          Action: 'sts:AssumeRole',
          ...(t.sourceAccount && { Condition: { StringEquals: { 'aws:SourceAccount': Stack.of(stack).account } } }),
        })),
      },
      // Alien's tag on what belongs to the deployment, which its heartbeat reads; the vendor can
      // neither add nor change tags on a role (no iam:TagRole is granted).
      tags: [{ key: DEPLOYMENT_TAG, value: Fn.sub(prefixRef) }],
    });
    if (role.instanceProfile) {
      new CfnInstanceProfile(stack, `WorkloadInstanceProfile${id}`, {
        instanceProfileName: Fn.sub(awsWorkloadRoleName(prefixRef, role.name)),
        path: Fn.sub(awsWorkloadPath(prefixRef)),
        roles: [cfnRole.ref],
      });
      profiles.push({ name: role.name });
    }
    return cfnRole;
  });
  workload.policies.forEach((statements, i) => {
    new CfnManagedPolicy(stack, `WorkloadPermissions${i + 1}`, {
      managedPolicyName: Fn.sub(awsWorkloadPolicyName(prefixRef, tag, '${AWS::Region}', i + 1)),
      path: AWS_IAM_PATH,
      description: awsWorkloadPolicyDescription(i + 1),
      policyDocument: new PolicyDocument({ statements: statements.map(toPolicyStatement) }),
      roles: roles.map((r) => r.ref),
    });
  });
  // One Fn::Sub of the ARNs (`${Id.Arn},…`), which the template's other strings use too.
  const arns = (ids: readonly string[]) => Fn.sub(ids.map((id) => `\${${id}.Arn}`).join(','));
  const outputs: WorkloadOutputs = {
    roleArns: arns(workload.roles.map((r) => `WorkloadRole${workloadLogicalPart(r.name)}`)),
    instanceProfileArns:
      profiles.length > 0 ? arns(profiles.map((p) => `WorkloadInstanceProfile${workloadLogicalPart(p.name)}`)) : undefined,
  };
  new CfnOutput(stack, CUSTOMER_INTERFACE.aws.outputs.workloadRoleArns, {
    description: `The workload roles' ARNs (${workload.roles.map((r) => r.name).join(', ')}), comma-separated in that order: send them to the vendor.`,
    value: outputs.roleArns,
  });
  if (outputs.instanceProfileArns) {
    new CfnOutput(stack, CUSTOMER_INTERFACE.aws.outputs.workloadInstanceProfileArns, {
      description: `The workload instance profiles' ARNs (${profiles.map((p) => p.name).join(', ')}), comma-separated in that order.`,
      value: outputs.instanceProfileArns,
    });
  }
  return outputs;
}

export interface TrustRoleStackProps extends StackProps {
  /** The resolved trust spec; must include AWS. */
  readonly model: TrustModel;
}

/**
 * The customer's CloudFormation stack: one role that the vendor's role may assume with the
 * customer's external id, and customer-managed policies scoped to the resource prefix.
 * Standalone: no bootstrap version check, no assets, no CDK metadata.
 */
export class TrustRoleStack extends Stack {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: TrustRoleStackProps) {
    super(scope, id, {
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
      description: `${props.model.name} ${props.model.version}: lets ${props.model.name} manage resources prefixed with ResourcePrefix, from its own AWS account`,
      ...props,
    });
    if (!props.model.aws) throw new Error('TrustRoleStack needs a model that includes AWS');
    const plan = awsRolePlan(props.model);
    const trust = plan.trust;

    const form = awsForm(trust);
    const trustParameters = form.cloudformation(this, trust);
    const prefix = new CfnParameter(this, PREFIX_PARAMETER, {
      type: 'String',
      description: `Prefix of the deployment's resources (${RESOURCE_PREFIX.description}); the role reaches only resources named <prefix>-…`,
      minLength: 1,
      maxLength: RESOURCE_PREFIX.maxLength,
      allowedPattern: RESOURCE_PREFIX.pattern,
      constraintDescription: RESOURCE_PREFIX.description,
    });

    // Names that tell every stack of an account apart (see awsRoleName); they never change
    // between versions of one product, so an update never replaces the role or its policies.
    const tag = plan.productTag;
    const prefixRef = `\${${PREFIX_PARAMETER}}`;
    this.role = new Role(this, 'Role', {
      roleName: Fn.sub(awsRoleName(prefixRef, tag, '${AWS::Region}')),
      path: AWS_IAM_PATH,
      description: plan.roleDescription,
      assumedBy: trustParameters.principal,
      maxSessionDuration: Duration.seconds(trust.maxSessionDuration),
    });
    (this.role.node.defaultChild as CfnRole).overrideLogicalId('TrustRole');

    plan.policies.forEach((statements, i) => {
      const policy = new ManagedPolicy(this, `Permissions${i + 1}`, {
        managedPolicyName: Fn.sub(awsPolicyName(prefixRef, tag, '${AWS::Region}', i + 1)),
        path: AWS_IAM_PATH,
        description: awsPolicyDescription(i + 1),
        document: new PolicyDocument({ statements: statements.map(toPolicyStatement) }),
        roles: [this.role],
      });
      (policy.node.defaultChild as CfnManagedPolicy).overrideLogicalId(`Permissions${i + 1}`);
    });

    const workload = plan.workload && workloadRoles(this, plan.workload, prefixRef, tag);

    addRegistration(this, props.model, this.role.node.defaultChild as CfnRole, workload);

    new CfnOutput(this, CUSTOMER_INTERFACE.aws.outputs.roleArn, {
      description: form.roleArnOutput,
      value: this.role.roleArn,
    });
    // What the vendor's importer reads besides the role: where it is, and which release it is.
    const outputs = CUSTOMER_INTERFACE.aws.outputs;
    new CfnOutput(this, outputs.account, { description: 'The account the role is in.', value: Stack.of(this).account });
    new CfnOutput(this, outputs.region, { description: 'The region the grants are for.', value: Stack.of(this).region });
    new CfnOutput(this, outputs.template, {
      description: 'The template name and version this stack runs.',
      value: templateRelease(props.model),
    });

    this.templateOptions.metadata = {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [
          { Label: { default: `Access for ${props.model.name}` }, Parameters: [...Object.keys(trustParameters.labels), prefix.logicalId] },
        ],
        ParameterLabels: {
          ...Object.fromEntries(Object.entries(trustParameters.labels).map(([id, label]) => [id, { default: label }])),
          [prefix.logicalId]: { default: 'Resource prefix of the deployment' },
        },
      },
    };
  }
}
