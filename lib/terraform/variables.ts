import { Fn, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { CUSTOMER_ID, customerSubject } from '../core/customer-binding';
import { TERRAFORM_CUSTOMER_ID_VARIABLE, TERRAFORM_PREFIX_VARIABLE } from '../model/customer-interface';
import { RESOURCE_PREFIX } from '../core/names';

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
  validate(
    prefix,
    RESOURCE_PREFIX.pattern,
    `The resource_prefix must be ${RESOURCE_PREFIX.description}, for example ${RESOURCE_PREFIX.example}.`,
  );
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

/** The customer's id at the vendor, validated at plan time; it completes the token subject. */
export function customerIdVariable(scope: Construct, subjectPrefix: string): TerraformVariable {
  const customerId = new TerraformVariable(scope, TERRAFORM_CUSTOMER_ID_VARIABLE, {
    type: 'string',
    description: `Your customer id at the vendor (the vendor sends it); the vendor's tokens must carry the subject ${customerSubject(subjectPrefix, '<customer id>')}.`,
  });
  validate(customerId, CUSTOMER_ID.pattern, `The customer_id must be ${CUSTOMER_ID.description}, for example ${CUSTOMER_ID.example}.`);
  return customerId;
}

export function unknownVariable(name: string, cloud: string): never {
  throw new Error(`\${${name}} has no Terraform reference on ${cloud}`);
}
