import { Fn, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { TERRAFORM_PREFIX_VARIABLE } from '../model/customer-interface';
import { RESOURCE_PREFIX } from '../model/names';

/**
 * `var.resource_prefix`, validated with the same rule as CloudFormation's ResourcePrefix so
 * that every name derived from it fits its cloud's limit. `reach` says, for this cloud, what
 * the prefix does and does not limit: the descriptions must not promise more than the grants.
 */
export function prefixVariable(scope: Construct, reach: string): TerraformVariable {
  const prefix = new TerraformVariable(scope, TERRAFORM_PREFIX_VARIABLE, {
    type: 'string',
    description: `Prefix of the deployment's resources (${RESOURCE_PREFIX.description}). ${reach}`,
  });
  validate(prefix, RESOURCE_PREFIX.pattern, `The resource_prefix must be ${RESOURCE_PREFIX.description}, for example ${RESOURCE_PREFIX.example}.`);
  return prefix;
}

/**
 * A `validation` block that accepts exactly the values `pattern` matches. Terraform 1.0 and 1.1
 * refuse an error message that does not start with a capital letter and end with a full stop.
 */
export function validate(variable: TerraformVariable, pattern: string, errorMessage: string): void {
  if (!/^[A-Z].*\.$/s.test(errorMessage)) throw new Error(`validation message must be a capitalised sentence: ${errorMessage}`);
  variable.addValidation({ condition: Fn.can(Fn.regex(pattern, variable.stringValue)), errorMessage });
}

export function unknownVariable(name: string, cloud: string): never {
  throw new Error(`\${${name}} has no Terraform reference on ${cloud}`);
}
