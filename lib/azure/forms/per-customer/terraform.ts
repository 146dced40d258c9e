import type { TerraformStack } from 'cdktf';
import { customerSubject } from '../../../core/customer-binding';
import type { AzureTrust } from '../../../model/trust-model';
import { tfLiteral } from '../../../terraform/terraform-string';
import { customerIdVariable } from '../../../terraform/variables';

/** The subject: the spec's prefix and the customer id the customer enters (validated at plan time). */
export function customerSubjectInput(stack: TerraformStack, trust: Extract<AzureTrust, { kind: 'per-customer' }>): string {
  return customerSubject(tfLiteral(trust.subjectPrefix), customerIdVariable(stack, trust.subjectPrefix).stringValue);
}
