import { Fn, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { TERRAFORM_PREFIX_VARIABLE } from '../model/customer-interface';
import { RESOURCE_PREFIX } from '../model/names';

/**
 * `var.resource_prefix`, validated with the same rule as CloudFormation's ResourcePrefix so
 * that every name derived from it fits its cloud's limit.
 */
export function prefixVariable(scope: Construct): TerraformVariable {
  const prefix = new TerraformVariable(scope, TERRAFORM_PREFIX_VARIABLE, {
    type: 'string',
    description: `Prefix of the deployment's resources; the vendor reaches only resources whose names start with it. ${RESOURCE_PREFIX.description}.`,
  });
  prefix.addValidation({
    condition: Fn.can(Fn.regex(RESOURCE_PREFIX.pattern, prefix.stringValue)),
    errorMessage: `resource_prefix must be ${RESOURCE_PREFIX.description}.`,
  });
  return prefix;
}

/**
 * Pins a provider to the major version its prebuilt bindings were generated for; cdktf would
 * otherwise pin the exact patch release, which customers cannot upgrade.
 */
export function requiredProvider(stack: TerraformStack, name: string, version: string): void {
  stack.addOverride(`terraform.required_providers.${name}`, { source: `hashicorp/${name}`, version });
}

/**
 * Drops the local backend cdktf adds by default: it carries an absolute path of the machine
 * that synthesized (so output would differ between machines), and the customer chooses their
 * own backend.
 */
export function withoutBackend(stack: TerraformStack): void {
  stack.addOverride('terraform.backend', undefined);
}

export function unknownVariable(name: string, cloud: string): never {
  throw new Error(`\${${name}} has no Terraform reference on ${cloud}`);
}
