import { code, mermaidLabel } from '../../../core/markdown';
import { AWS_TERRAFORM_INTERFACE, CUSTOMER_INTERFACE } from '../../../model/customer-interface';
import type { AwsTrust } from '../../../model/trust-model';
import type { AwsTrustForm } from '../aws-trust-form';

type Role = Extract<AwsTrust, { kind: 'role' }>;
const INPUTS = CUSTOMER_INTERFACE.aws.inputs;

/**
 * `managingIdentity.aws.roleArn`: the vendor's IAM role assumes the customer's with the external
 * id the vendor generated for this customer (`sts:ExternalId`).
 */
export const externalIdForm: AwsTrustForm<Role> = {
  kind: 'role',
  summary: "the vendor's IAM role assumes the customer's with an external id generated per customer",
  who: (trust) => [
    `- **Who can use it**: only the vendor's IAM role ${code(trust.managingRoleArn)}, through ${code('sts:AssumeRole')}. No user, account root or service is trusted.`,
    `- **Condition**: the caller must present the external id you enter as ${code(INPUTS.externalId)} (${code('sts:ExternalId')}). The vendor generates it: unique to you and unguessable, sent with the quick-create link. Use exactly the value the vendor gives you and do not pick your own; that is what stops another customer of the vendor from getting the vendor to act on your role (the confused-deputy problem).`,
  ],
  diagram: (trust) => ({
    vendor: mermaidLabel("Vendor's role", trust.managingRoleArn),
    edge: mermaidLabel('sts:AssumeRole', `with ${INPUTS.externalId}`),
  }),
  sharedIdentityWarning: () => undefined,
  customerInputs: (_trust, { externalId }) => ({ [AWS_TERRAFORM_INTERFACE.inputs.externalId]: externalId ?? '' }),
  // Its trust is the role's own policy, which AWS's provider reads for every form.
  trustReaders: {},
  inert: {},
  replacing: {},
  cloudformation: (stack, trust) => (require('./cloudformation') as typeof import('./cloudformation')).externalIdParameters(stack, trust),
  terraform: (stack, trust) => (require('./terraform') as typeof import('./terraform')).externalIdTrust(stack, trust),
  roleDescription: (trust, product) => `Assumed by ${product} (${trust.managingRoleArn}) with your external id`,
  roleArnOutput: 'Send this to the vendor together with the external id.',
  binding: 'externalId',
  trustShown: 'role, and only with your external id',
  vendorStatement: (trust) => ({ Principal: { AWS: trust.managingRoleArn }, Action: 'sts:AssumeRole' }),
};
