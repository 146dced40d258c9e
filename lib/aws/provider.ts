import { AWS_WORKLOAD_PATH_ROOT } from '../core/names';
import { boundTrust, type CloudProvider } from '../model/cloud-provider';
import { AWS_FORMS, awsForm } from './forms';
import { AWS_WORKLOAD_REVIEW, awsInstall, awsRevocation, awsTrust } from './review';

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const list = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value]);

/** AWS: one IAM role per deployment, as a CloudFormation template and as a Terraform module from one plan (awsRolePlan). */
export const AWS_PROVIDER: CloudProvider<'aws'> = {
  cloud: 'aws',
  forms: AWS_FORMS,
  trustOf: (model) => model.aws && boundTrust(awsForm(model.aws), model.aws),
  render: (model) => ({
    'template.json': (require('./synth-aws') as typeof import('./synth-aws')).synthAws(model),
    ...(require('./terraform/synth-aws-terraform') as typeof import('./terraform/synth-aws-terraform')).synthAwsTerraform(model),
  }),
  review: {
    identity: 'AWS: an IAM role',
    trust: (model) => (model.aws ? awsTrust(model, model.aws) : []),
    install: (model, files) => (model.aws ? awsInstall(model, files) : []),
    workload: AWS_WORKLOAD_REVIEW,
    revocation: (model) => (model.aws ? awsRevocation(model, model.aws) : []),
  },
  // The CloudFormation template: the Terraform module grants the same by construction (a test holds them equal).
  readGrants: (template, grants) => {
    for (const resource of Object.values<any>(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
      for (const statement of resource.Properties.PolicyDocument.Statement) {
        const condition = statement.Condition ? ` if ${text(statement.Condition)}` : '';
        for (const action of list(statement.Action)) {
          for (const target of list(statement.Resource))
            grants.push(`${action} on ${text((target as any)['Fn::Sub'] ?? target)}${condition}`);
        }
      }
    }
  },
  trustReaders: {
    cloudformation: {
      'AWS::IAM::Role': (logicalId, properties, trust) => {
        // Every role by its logical id: the vendor's role and each workload role the template
        // creates have trust policies of their own, and one must never be read as the other's.
        // Workload roles sit under their own path (AWS_WORKLOAD_PATH_ROOT); the other is the vendor's.
        const role = JSON.stringify(properties.Path ?? '').includes(`/${AWS_WORKLOAD_PATH_ROOT}/`) ? `aws.workload.${logicalId}` : 'aws';
        for (const [i, statement] of (properties.AssumeRolePolicyDocument.Statement as any[]).entries()) {
          trust[`${role}.trust[${i}].principal`] = text(statement.Principal);
          trust[`${role}.trust[${i}].action`] = text(statement.Action);
          trust[`${role}.trust[${i}].condition`] = text(statement.Condition ?? null);
        }
        trust[`${role}.maxSessionDuration`] = text(properties.MaxSessionDuration ?? 3600);
      },
    },
  },
  diffReads: 'cloudformation',
  inert: {
    'AWS::IAM::InstanceProfile': "holds one workload role, whose trust the role's own reader reads",
    'Custom::AlienRegistration': 'tells the vendor the role once it exists; it grants nothing and trusts no one',
  },
  replacing: {
    // CloudFormation's "Update requires: Replacement".
    cloudformation: {
      'AWS::IAM::Role': { properties: ['RoleName', 'Path'], name: 'RoleName' },
      'AWS::IAM::ManagedPolicy': { properties: ['ManagedPolicyName', 'Path', 'Description'], name: 'ManagedPolicyName' },
    },
    terraform: {
      aws_iam_role: { arguments: ['name', 'path'], consequence: 'a new role with a new ARN: the vendor must be sent the new role_arn' },
      aws_iam_policy: {
        arguments: ['name', 'path', 'description'],
        consequence: 'the policy is re-created and attached again: the vendor loses these permissions during the apply',
      },
      aws_iam_role_policy_attachment: { arguments: ['role', 'policy_arn'], consequence: 'the attachment is re-created' },
    },
  },
};
