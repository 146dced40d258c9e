import { Fn, Op, TerraformVariable, type TerraformStack } from 'cdktf';
import { AWS_TERRAFORM_INTERFACE } from '../../../model/customer-interface';
import type { AwsTrust } from '../../../model/trust-model';
import { tfLiteral } from '../../../terraform/terraform-string';
import { validate } from '../../../terraform/variables';
import { EXTERNAL_ID } from '../../external-id';

/** The vendor's role, with the external id the vendor generated for this customer. */
export function externalIdTrust(stack: TerraformStack, trust: Extract<AwsTrust, { kind: 'role' }>): object {
  const name = AWS_TERRAFORM_INTERFACE.inputs.externalId;
  const externalId = new TerraformVariable(stack, name, {
    type: 'string',
    description: 'The external id the vendor generated for you; the vendor must present it to assume the role.',
  });
  const rule = `The ${name} must be ${EXTERNAL_ID.minLength}–${EXTERNAL_ID.maxLength} letters, digits and _+=,.@:/- characters (the vendor sends it).`;
  validate(externalId, EXTERNAL_ID.pattern, rule);
  // The length apart: RE2 refuses repetition counts over 1000.
  const length = Fn.lengthOf(externalId.stringValue);
  externalId.addValidation({
    condition: Op.and(Op.gte(length, EXTERNAL_ID.minLength), Op.lte(length, EXTERNAL_ID.maxLength)),
    errorMessage: rule,
  });
  return {
    Effect: 'Allow',
    Principal: { AWS: tfLiteral(trust.managingRoleArn) },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': `\${var.${name}}` } },
  };
}
