import type { TerraformStack } from 'cdktf';
import { code } from '../../core/markdown';
import { AZURE_FEDERATED_CREDENTIAL_NAME } from '../../core/names';
import type { TrustForm } from '../../model/trust-form';
import type { AzureTrust } from '../../model/trust-model';

/** An Azure trust form: the parts every form has, and Azure's own. */
export interface AzureTrustForm<T extends AzureTrust> extends TrustForm<T> {
  /**
   * The federated credential's subject as Terraform writes it, with the inputs that bind it to
   * one customer. Loaded only when Azure is rendered (cdktf is large).
   */
  readonly terraform: (stack: TerraformStack, trust: T) => string;
  /** The subject as the review shows it. */
  readonly subjectShown: (trust: T) => string;
}

/** Every Azure form, one per kind of AzureTrust: a kind without its form does not compile. */
export type AzureForms = { readonly [K in AzureTrust['kind']]: AzureTrustForm<Extract<AzureTrust, { kind: K }>> };

/** The review's "Who can use it", the same for every form: a token of the issuer with the subject. */
export function federatedWho(trust: AzureTrust, subject: string): string {
  return `- **Who can use it**: a workload presenting an OIDC token from the issuer ${code(trust.issuer)} with the subject ${code(subject)}, through the federated credential ${code(AZURE_FEDERATED_CREDENTIAL_NAME)}.`;
}
