import { CfnOutput, CfnParameter, DefaultStackSynthesizer, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { ArnPrincipal, CfnRole, ManagedPolicy, PolicyDocument, Role, type CfnManagedPolicy } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { AWS_IAM_PATH, awsPolicyDescription, awsPolicyName, awsProductTag, awsRoleName, RESOURCE_PREFIX } from '../model/names';
import type { AwsTrust, TrustModel } from '../model/trust-model';
import { PREFIX_PARAMETER } from './aws-variables';
import { EXTERNAL_ID } from './external-id';
import { mergeStatements, packPolicies } from './permission-policies';
import { toPolicyStatement } from './policy-statements';

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
    const trust: AwsTrust | undefined = props.model.aws;
    if (!trust) throw new Error('TrustRoleStack needs a model that includes AWS');

    const externalId = new CfnParameter(this, CUSTOMER_INTERFACE.aws.inputs.externalId, {
      type: 'String',
      description: 'The external id the vendor gave you; the vendor must present it to assume the role.',
      minLength: EXTERNAL_ID.minLength,
      maxLength: EXTERNAL_ID.maxLength,
      allowedPattern: EXTERNAL_ID.pattern,
      constraintDescription: '2–1224 letters, digits and _+=,.@:/- characters',
    });
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
    const tag = awsProductTag(props.model.name);
    const prefixRef = `\${${PREFIX_PARAMETER}}`;
    this.role = new Role(this, 'Role', {
      roleName: Fn.sub(awsRoleName(prefixRef, tag, '${AWS::Region}')),
      path: AWS_IAM_PATH,
      description: `Assumed by ${props.model.name} (${trust.managingRoleArn}) with your external id`,
      assumedBy: new ArnPrincipal(trust.managingRoleArn),
      externalIds: [externalId.valueAsString],
      maxSessionDuration: Duration.seconds(trust.maxSessionDuration),
    });
    (this.role.node.defaultChild as CfnRole).overrideLogicalId('TrustRole');

    packPolicies(mergeStatements(props.model.permissionSets)).forEach((statements, i) => {
      const policy = new ManagedPolicy(this, `Permissions${i + 1}`, {
        managedPolicyName: Fn.sub(awsPolicyName(prefixRef, tag, '${AWS::Region}', i + 1)),
        path: AWS_IAM_PATH,
        description: awsPolicyDescription(i + 1),
        document: new PolicyDocument({ statements: statements.map(toPolicyStatement) }),
        roles: [this.role],
      });
      (policy.node.defaultChild as CfnManagedPolicy).overrideLogicalId(`Permissions${i + 1}`);
    });

    new CfnOutput(this, CUSTOMER_INTERFACE.aws.outputs.roleArn, {
      description: 'Send this to the vendor together with the external id.',
      value: this.role.roleArn,
    });

    this.templateOptions.metadata = {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [{ Label: { default: `Access for ${props.model.name}` }, Parameters: [externalId.logicalId, prefix.logicalId] }],
        ParameterLabels: {
          [externalId.logicalId]: { default: 'External id (from the vendor)' },
          [prefix.logicalId]: { default: 'Resource prefix of the deployment' },
        },
      },
    };
  }
}
