import type { GcpTrust } from '../model/trust-model';
import { gcpForm } from './forms';

/**
 * The Google APIs the module needs in the customer's project, with why. A new project has none
 * of them enabled; the module enables them (and leaves them enabled on destroy, since other
 * workloads may rely on them).
 */
export const GCP_REQUIRED_APIS = {
  'iam.googleapis.com': 'creates the service account and the custom roles',
  'cloudresourcemanager.googleapis.com': "adds the roles' bindings to the project's IAM policy",
  'iamcredentials.googleapis.com': "lets the vendor's service account mint short-lived tokens for the deployment's",
} as const;

/** The APIs the module enables for a trust form, in a fixed order. */
export function gcpApisFor(trust: GcpTrust): string[] {
  return Object.keys({ ...GCP_REQUIRED_APIS, ...gcpForm(trust).apis });
}

/** The API the vendor's own project needs: impersonation is a call to it, billed to the caller. */
export const GCP_VENDOR_API = 'iamcredentials.googleapis.com';
