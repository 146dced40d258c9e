import { TerraformVariable, type ITerraformDependable, type TerraformStack } from 'cdktf';
import { gcpServiceAccountDomain } from '../../../core/names';
import { vendorServiceAccountPattern } from '../../../core/customer-binding';
import { CUSTOMER_INTERFACE } from '../../../model/customer-interface';
import type { GcpTrust } from '../../../model/trust-model';
import { validate } from '../../../terraform/variables';
import type { GcpVendorTarget } from '../gcp-trust-form';
import { tokenCreatorGrant } from '../token-creator/terraform';

/** The vendor's service account for this customer, validated at plan time against the vendor's project, as token creator. */
export function vendorForCustomer(
  stack: TerraformStack,
  trust: Extract<GcpTrust, { kind: 'per-customer' }>,
  target: GcpVendorTarget,
): ITerraformDependable[] {
  const project = trust.serviceAccountProject;
  const vendor = new TerraformVariable(stack, CUSTOMER_INTERFACE.gcp.inputs.vendorServiceAccount, {
    type: 'string',
    description: `The vendor's service account for you (the vendor sends it); it must be in the vendor's project ${project}.`,
  });
  validate(
    vendor,
    vendorServiceAccountPattern(project),
    `The vendor_service_account must be a service account of the vendor's project ${project}, such as acme-corp@${gcpServiceAccountDomain(project)}.`,
  );
  return tokenCreatorGrant(stack, vendor.stringValue, target);
}
