import type { AwsTrust } from '../../model/trust-model';
import type { AwsForms, AwsTrustForm } from './aws-trust-form';
import { externalIdForm } from './external-id';
import { oidcForm } from './oidc';

/** The AWS trust forms by kind (lib/model/trust-form.ts). */
export const AWS_FORMS: AwsForms = { role: externalIdForm, oidc: oidcForm };

/** The form of this trust: its table entry, typed for the trust it is called with. */
export function awsForm<T extends AwsTrust>(trust: T): AwsTrustForm<T> {
  return AWS_FORMS[trust.kind] as unknown as AwsTrustForm<T>;
}
