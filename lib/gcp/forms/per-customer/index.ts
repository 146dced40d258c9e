import { vendorServiceAccountPattern } from '../../../core/customer-binding';
import { code, mermaidLabel, shown } from '../../../core/markdown';
import { UsageError } from '../../../core/usage-error';
import { CUSTOMER_INTERFACE } from '../../../model/customer-interface';
import type { GcpTrust } from '../../../model/trust-model';
import type { GcpTrustForm } from '../gcp-trust-form';
import {
  DOMAIN_RESTRICTED_SHARING,
  TOKEN_CREATOR_EDGE,
  TOKEN_CREATOR_GRANT,
  TOKEN_CREATOR_ROLE,
  TOKEN_CREATOR_WHAT,
} from '../token-creator';

type PerCustomer = Extract<GcpTrust, { kind: 'per-customer' }>;
const INPUTS = CUSTOMER_INTERFACE.gcp.inputs;

/**
 * `managingIdentity.gcp.serviceAccountProject`: the vendor keeps one service account per customer
 * in its project; the customer enters theirs (`vendor_service_account`), which must be of that project.
 */
export const perCustomerForm: GcpTrustForm<PerCustomer> = {
  kind: 'per-customer',
  summary: "the vendor's service account for this customer, in the vendor's project, impersonates the deployment's (token creator)",
  who: (trust) => [
    `- **Who can use it**: only the vendor's service account for you, which you enter as ${code(INPUTS.vendorServiceAccount)} and which must belong to the vendor's project ${code(trust.serviceAccountProject)}, ${TOKEN_CREATOR_GRANT}.`,
    '- **Condition**: the vendor keeps one service account per customer, so the account that can act on yours acts for you alone; Google checks the grant each time a token is minted.',
  ],
  diagram: () => ({
    vendor: mermaidLabel("Vendor's service account for you", shown(INPUTS.vendorServiceAccount)),
    edge: TOKEN_CREATOR_EDGE,
  }),
  sharedIdentityWarning: () => undefined,
  customerInputs: (trust, { customerId, vendorServiceAccount = '' }) => {
    const project = trust.serviceAccountProject;
    if (!new RegExp(vendorServiceAccountPattern(project)).test(vendorServiceAccount)) {
      throw new UsageError(
        `--vendor-service-account: the vendor's service account for ${customerId}, in the vendor's project ${project} (for example ${customerId}@${project}.iam.gserviceaccount.com); got "${vendorServiceAccount}"`,
      );
    }
    return { [INPUTS.vendorServiceAccount]: vendorServiceAccount };
  },
  // Its one grant is a google_service_account_iam_member, which GCP's provider reads for every form.
  trustReaders: {},
  inert: {},
  replacing: {},
  terraform: (stack, trust, target) => (require('./terraform') as typeof import('./terraform')).vendorForCustomer(stack, trust, target),
  usedBy: (trust) => `Impersonated by the vendor's service account for this customer (in ${trust.serviceAccountProject})`,
  apis: {},
  vendorGrant: () => ({ what: TOKEN_CREATOR_WHAT, member: `serviceAccount:<${INPUTS.vendorServiceAccount}>`, role: TOKEN_CREATOR_ROLE }),
  organizationPolicy: DOMAIN_RESTRICTED_SHARING,
};
