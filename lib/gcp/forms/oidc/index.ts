import { customerSubject } from '../../../core/customer-binding';
import { code, mermaidLabel, shown } from '../../../core/markdown';
import { CUSTOMER_INTERFACE } from '../../../model/customer-interface';
import type { GcpTrust } from '../../../model/trust-model';
import type { GcpTrustForm } from '../gcp-trust-form';

type Oidc = Extract<GcpTrust, { kind: 'oidc' }>;
const INPUTS = CUSTOMER_INTERFACE.gcp.inputs;
export const WORKLOAD_IDENTITY_USER = 'roles/iam.workloadIdentityUser';

/**
 * `managingIdentity.oidc`: a workload identity pool in the customer's project trusts the vendor's
 * issuer for exactly this customer's subject, and that one principal gets
 * `roles/iam.workloadIdentityUser` on the service account. No vendor Google account is needed.
 */
export const oidcForm: GcpTrustForm<Oidc> = {
  kind: 'oidc',
  summary: "the vendor's OIDC tokens for this customer's subject, through a workload identity pool (workload identity user)",
  who: (trust) => [
    `- **Who can use it**: only a holder of an OIDC token from the vendor's issuer ${code(trust.oidc.issuer)}, through a workload identity pool in your project; that one principal gets ${code(WORKLOAD_IDENTITY_USER)} on this service account. No Google account of the vendor is trusted.`,
    `- **Condition**: the token's audience must be ${code(trust.oidc.audience)} and its subject exactly ${code(customerSubject(trust.oidc.subjectPrefix, shown(INPUTS.customerId)))}, your customer id at the vendor; the pool refuses any other subject at the exchange.`,
  ],
  diagram: (trust) => ({
    vendor: mermaidLabel("Vendor's OIDC issuer", trust.oidc.issuer),
    edge: mermaidLabel('token exchange', WORKLOAD_IDENTITY_USER),
  }),
  sharedIdentityWarning: () => undefined,
  customerInputs: (_trust, { customerId }) => ({ [INPUTS.customerId]: customerId }),
  trustReaders: {
    terraform: {
      // Who the pool trusts; its principal's grant is a google_service_account_iam_member, read for every form.
      google_iam_workload_identity_pool_provider: (_name, provider, trust) => {
        trust['gcp.oidc.issuer'] = provider.oidc?.issuer_uri;
        trust['gcp.oidc.audiences'] = JSON.stringify(provider.oidc?.allowed_audiences);
        trust['gcp.oidc.condition'] = provider.attribute_condition;
      },
    },
  },
  inert: {
    google_iam_workload_identity_pool: 'holds the provider, which names the issuer, the audiences and the subject condition (read)',
  },
  replacing: {
    // ForceNew in the google provider (v6.50.0, resource_iam_workload_identity_pool*.go).
    terraform: {
      google_iam_workload_identity_pool: {
        arguments: ['workload_identity_pool_id', 'project'],
        consequence:
          'the pool is re-created under a new id, and with it the principal the vendor is granted: the vendor signs in again only after the apply',
      },
      google_iam_workload_identity_pool_provider: {
        arguments: ['workload_identity_pool_id', 'workload_identity_pool_provider_id', 'project'],
        consequence: "the pool's provider is re-created: token exchanges fail during the apply",
      },
    },
  },
  terraform: (stack, trust, target) => (require('./terraform') as typeof import('./terraform')).vendorPool(stack, trust, target),
  // Not the issuer itself: it may hold 600 characters, the description 256 bytes. The pool
  // provider's issuer_uri names it.
  usedBy: () => "Used through workload identity federation by the vendor's OIDC issuer (the pool's provider), for this customer's subject",
  apis: { 'sts.googleapis.com': "exchanges the vendor's OIDC token for a federated Google token" },
  vendorGrant: (trust) => ({
    what: "the vendor's workload-identity grant",
    member: `principal://iam.googleapis.com/projects/<project number>/locations/global/workloadIdentityPools/<pool>/subject/${customerSubject(trust.oidc.subjectPrefix, `<${INPUTS.customerId}>`)}`,
    role: WORKLOAD_IDENTITY_USER,
  }),
  organizationPolicy: undefined,
};
