import { Fn } from 'aws-cdk-lib';
import type { Variable } from '../input/variables';
import type { Template } from '../model/trust-model';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { AWS_IAM_PATH, NAME_LIMITS, RESOURCE_PREFIX, WORKLOAD_BOUNDARY_SUFFIX } from '../model/names';
import { hasVariables, renderTemplate } from '../model/template';

/** The logical id of the permissions boundary for workload roles (see TrustRoleStack). */
export const WORKLOAD_BOUNDARY_ID = 'WorkloadBoundary';

/** The CloudFormation parameter that carries the customer's resource prefix. */
export const PREFIX_PARAMETER = CUSTOMER_INTERFACE.aws.inputs.prefix;

const CFN_VARIABLES: Partial<Record<Variable, string>> = {
  prefix: `\${${PREFIX_PARAMETER}}`,
  partition: '${AWS::Partition}',
  region: '${AWS::Region}',
  account: '${AWS::AccountId}',
  // Fn::Sub reads a logical id as its Ref: a managed policy's ARN.
  boundary: `\${${WORKLOAD_BOUNDARY_ID}}`,
};

/**
 * The longest value each variable can take once deployed, so that size limits are checked
 * against the worst case (`aws-us-gov`, a 14-character region) rather than the example.
 */
const LONGEST: Partial<Record<Variable, string>> = {
  prefix: 'p'.repeat(RESOURCE_PREFIX.maxLength),
  partition: 'aws-us-gov',
  region: 'ap-southeast-77',
  account: '123456789012',
  boundary: `arn:aws-us-gov:iam::123456789012:policy${AWS_IAM_PATH}${'p'.repeat(NAME_LIMITS.awsRoleName)}${WORKLOAD_BOUNDARY_SUFFIX}`,
};

function lookup(table: Partial<Record<Variable, string>>, name: Variable): string {
  const value = table[name];
  if (value === undefined) throw new Error(`\${${name}} is not an AWS variable`);
  return value;
}

/** A CloudFormation string: `Fn::Sub` when the template has variables, a literal otherwise. */
export function cfnString(template: Template): string {
  const text = renderTemplate(template, (name) => lookup(CFN_VARIABLES, name));
  return hasVariables(template) ? Fn.sub(text) : text;
}

/** The template as it reads in the customer's account in the worst case, for size checks. */
export function longestValue(template: Template): string {
  return renderTemplate(template, (name) => lookup(LONGEST, name));
}
