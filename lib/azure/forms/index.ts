import type { AzureTrust } from '../../model/trust-model';
import type { AzureForms, AzureTrustForm } from './azure-trust-form';
import { fixedSubjectForm } from './fixed-subject';
import { perCustomerForm } from './per-customer';

/** The Azure trust forms by kind (lib/model/trust-form.ts). */
export const AZURE_FORMS: AzureForms = { 'fixed-subject': fixedSubjectForm, 'per-customer': perCustomerForm };

/** The form of this trust: its table entry, typed for the trust it is called with. */
export function azureForm<T extends AzureTrust>(trust: T): AzureTrustForm<T> {
  return AZURE_FORMS[trust.kind] as unknown as AzureTrustForm<T>;
}
