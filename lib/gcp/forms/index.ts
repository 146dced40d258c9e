import type { GcpTrust } from '../../model/trust-model';
import type { GcpForms, GcpTrustForm } from './gcp-trust-form';
import { oidcForm } from './oidc';
import { perCustomerForm } from './per-customer';
import { pinnedForm } from './pinned';

/** The GCP trust forms by kind (lib/model/trust-form.ts). */
export const GCP_FORMS: GcpForms = { pinned: pinnedForm, 'per-customer': perCustomerForm, oidc: oidcForm };

/** The form of this trust: its table entry, typed for the trust it is called with. */
export function gcpForm<T extends GcpTrust>(trust: T): GcpTrustForm<T> {
  return GCP_FORMS[trust.kind] as unknown as GcpTrustForm<T>;
}
