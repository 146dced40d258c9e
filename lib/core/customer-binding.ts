import { gcpServiceAccountDomain } from './names';

/**
 * Per-customer binding: what ties one customer's trust to that customer, so that customer A
 * cannot get the vendor to act on customer B's identity (the confused-deputy problem). On AWS
 * the external id does it; the OIDC forms pin a per-customer subject; on GCP a per-customer
 * vendor service account does it.
 */

/**
 * The customer id the vendor's tokens name in their subject: a DNS-label-like value, so it holds
 * none of the separators a subject prefix must end with.
 */
export const CUSTOMER_ID = {
  pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
  maxLength: 63,
  description: '1–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit',
  example: 'acme-corp',
} as const;

/**
 * A subject prefix: the fixed part of every customer's subject (`customer:` in
 * `customer:acme-corp`). It must end with a separator the customer id cannot contain, so that
 * the subject of one customer is never the start of another's and no value matches everything.
 */
export const SUBJECT_PREFIX = {
  pattern: /^[A-Za-z0-9:/._@#|=+-]{0,199}[:/|#@=.]$/,
  description: 'up to 200 letters, digits and :/._@#|=+- characters, ending with one of : / | # @ = . (for example "customer:")',
} as const;

/** The subject of one customer's tokens. */
export function customerSubject(prefix: string, customerId: string): string {
  return `${prefix}${customerId}`;
}

/** An OIDC issuer's URL without the scheme: what IAM condition keys and provider URLs name. */
export function issuerHost(issuer: string): string {
  return issuer.replace(/^https:\/\//, '').replace(/\/$/, '');
}

/**
 * A vendor service account for one customer must live in the vendor's project named in the
 * spec: the module checks the customer's input against it.
 */
export function vendorServiceAccountPattern(project: string): string {
  // Character classes rather than backslashes: the pattern goes into an HCL string, where `\.`
  // is no valid escape. A project id holds no other regex metacharacter.
  const literal = gcpServiceAccountDomain(project).replace(/[.]/g, '[.]');
  return `^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])@${literal}$`;
}
