import { code, mermaidLabel } from '../../../core/markdown';
import { CONFUSED_DEPUTY } from '../../../model/trust-form';
import type { AzureTrust } from '../../../model/trust-model';
import { tfLiteral } from '../../../terraform/terraform-string';
import { federatedWho, type AzureTrustForm } from '../azure-trust-form';

type FixedSubject = Extract<AzureTrust, { kind: 'fixed-subject' }>;

/** `managingIdentity.azure.subject`: one subject, named in the spec, for every customer. */
export const fixedSubjectForm: AzureTrustForm<FixedSubject> = {
  kind: 'fixed-subject',
  summary: "the vendor's OIDC tokens with one subject for every customer, through a federated credential",
  who: (trust) => [
    federatedWho(trust, trust.subject),
    `- **Condition**: issuer, subject and audience (${code(trust.audience)}) must all match exactly. Note: ${CONFUSED_DEPUTY}`,
  ],
  diagram: (trust) => ({
    vendor: mermaidLabel("Vendor's workload", `issuer ${trust.issuer}`, `subject ${trust.subject}`),
    edge: mermaidLabel('OIDC token', `audience ${trust.audience}`),
  }),
  sharedIdentityWarning: () =>
    "warning: azure: managingIdentity.azure.subject is one subject for every customer, so a customer who registers another tenant's identity with the vendor gets the vendor's token exchanged for it (confused deputy); give subjectPrefix (a subject per customer) instead",
  customerInputs: () => ({}),
  // Its trust is the federated credential, which Azure's provider reads for every form.
  trustReaders: {},
  inert: {},
  replacing: {},
  terraform: (_stack, trust) => tfLiteral(trust.subject),
  subjectShown: (trust) => trust.subject,
};
