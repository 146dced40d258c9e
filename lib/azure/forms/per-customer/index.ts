import { customerSubject } from '../../../core/customer-binding';
import { code, mermaidLabel, shown } from '../../../core/markdown';
import { CUSTOMER_INTERFACE } from '../../../model/customer-interface';
import type { AzureTrust } from '../../../model/trust-model';
import { federatedWho, type AzureTrustForm } from '../azure-trust-form';

type PerCustomer = Extract<AzureTrust, { kind: 'per-customer' }>;
const INPUTS = CUSTOMER_INTERFACE.azure.inputs;

/**
 * `managingIdentity.azure.subjectPrefix` or `managingIdentity.oidc`: the subject is the prefix and
 * the customer's id, which each customer enters, so no other customer's token fits.
 */
export const perCustomerForm: AzureTrustForm<PerCustomer> = {
  kind: 'per-customer',
  summary: "the vendor's OIDC tokens with this customer's subject, through a federated credential",
  who: (trust) => [
    federatedWho(trust, perCustomerForm.subjectShown(trust)),
    `- **Condition**: issuer, subject and audience (${code(trust.audience)}) must all match exactly; the subject names your customer id (${code(INPUTS.customerId)}), so a token minted for another customer does not fit.`,
  ],
  diagram: (trust) => ({
    vendor: mermaidLabel("Vendor's workload", `issuer ${trust.issuer}`, `subject ${perCustomerForm.subjectShown(trust)}`),
    edge: mermaidLabel('OIDC token', `audience ${trust.audience}`),
  }),
  sharedIdentityWarning: () => undefined,
  customerInputs: (_trust, { customerId }) => ({ [INPUTS.customerId]: customerId }),
  // Its trust is the federated credential, which Azure's provider reads for every form.
  trustReaders: {},
  inert: {},
  replacing: {},
  terraform: (stack, trust) => (require('./terraform') as typeof import('./terraform')).customerSubjectInput(stack, trust),
  subjectShown: (trust) => customerSubject(trust.subjectPrefix, shown(INPUTS.customerId)),
};
