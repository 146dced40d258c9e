import { code, mermaidLabel } from '../../../core/markdown';
import { CONFUSED_DEPUTY } from '../../../model/trust-form';
import type { GcpTrust } from '../../../model/trust-model';
import type { GcpTrustForm } from '../gcp-trust-form';
import {
  DOMAIN_RESTRICTED_SHARING,
  TOKEN_CREATOR_EDGE,
  TOKEN_CREATOR_GRANT,
  TOKEN_CREATOR_ROLE,
  TOKEN_CREATOR_WHAT,
} from '../token-creator';

type Pinned = Extract<GcpTrust, { kind: 'pinned' }>;

/**
 * `managingIdentity.gcp.serviceAccount`: one vendor service account, named in the spec, for every
 * customer, with the token-creator role on the deployment's service account.
 */
export const pinnedForm: GcpTrustForm<Pinned> = {
  kind: 'pinned',
  summary: "one vendor service account for every customer impersonates the deployment's (token creator)",
  who: (trust) => [
    `- **Who can use it**: only the vendor's service account ${code(trust.serviceAccount)}, ${TOKEN_CREATOR_GRANT}.`,
    `- **Condition**: none beyond that grant. Note: ${CONFUSED_DEPUTY}`,
  ],
  diagram: (trust) => ({ vendor: mermaidLabel("Vendor's service account", trust.serviceAccount), edge: TOKEN_CREATOR_EDGE }),
  sharedIdentityWarning: () =>
    "warning: gcp: managingIdentity.gcp.serviceAccount trusts one vendor service account for every customer, so a customer who registers another customer's service account with the vendor gets the vendor to act on it (confused deputy); give serviceAccountProject (one vendor account per customer) or managingIdentity.oidc",
  customerInputs: () => ({}),
  // Its one grant is a google_service_account_iam_member, which GCP's provider reads for every form.
  trustReaders: {},
  inert: {},
  replacing: {},
  terraform: (stack, trust, target) =>
    (require('../token-creator/terraform') as typeof import('../token-creator/terraform')).tokenCreatorGrant(
      stack,
      trust.serviceAccount,
      target,
    ),
  usedBy: (trust) => `Impersonated by ${trust.serviceAccount}`,
  apis: {},
  vendorGrant: (trust) => ({ what: TOKEN_CREATOR_WHAT, member: `serviceAccount:${trust.serviceAccount}`, role: TOKEN_CREATOR_ROLE }),
  organizationPolicy: DOMAIN_RESTRICTED_SHARING,
};
