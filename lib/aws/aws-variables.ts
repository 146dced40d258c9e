import { Fn } from 'aws-cdk-lib';
import type { Variable } from '../core/variables';
import type { Template } from '../model/trust-model';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { RESOURCE_PREFIX } from '../core/names';
import { hasVariables, renderTemplate } from '../model/template';

/** The CloudFormation parameter that carries the customer's resource prefix. */
export const PREFIX_PARAMETER = CUSTOMER_INTERFACE.aws.inputs.prefix;

const CFN_VARIABLES: Partial<Record<Variable, string>> = {
  prefix: `\${${PREFIX_PARAMETER}}`,
  partition: '${AWS::Partition}',
  region: '${AWS::Region}',
  account: '${AWS::AccountId}',
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
