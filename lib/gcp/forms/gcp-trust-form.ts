import type { ITerraformDependable, TerraformStack, TerraformVariable } from 'cdktf';
import type { ProjectService } from '@cdktf/provider-google/lib/project-service';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { GcpTrust } from '../../model/trust-model';
import type { TrustForm } from '../../model/trust-form';
import type { RandomId } from '../../terraform/random-id';

/** What the module has made when a form renders the vendor's way in. */
export interface GcpVendorTarget {
  /** The deployment's service account the vendor gets in as. */
  readonly account: ServiceAccount;
  /** The deployment's random suffix, kept in state. */
  readonly suffix: RandomId;
  readonly projectId: TerraformVariable;
  /** The APIs the module enables, which a resource of the form may need first. */
  readonly apis: readonly ProjectService[];
}

/** A GCP trust form: the parts every form has, and GCP's own. */
export interface GcpTrustForm<T extends GcpTrust> extends TrustForm<T> {
  /**
   * The module's resources that let the vendor in, and its inputs that bind them to one customer;
   * returns what the outputs wait for. Loaded only when GCP is rendered (cdktf is large).
   */
  readonly terraform: (stack: TerraformStack, trust: T, target: GcpVendorTarget) => ITerraformDependable[];
  /** Who uses the service account, as its description says (within 256 bytes with the rest). */
  readonly usedBy: (trust: T) => string;
  /** APIs the form needs in the customer's project besides GCP_REQUIRED_APIS, with why. */
  readonly apis: Readonly<Record<string, string>>;
  /** The grant to remove to stop new tokens: what it is, its member, its role (`gcloud … remove-iam-policy-binding`). */
  readonly vendorGrant: (trust: T) => { readonly what: string; readonly member: string; readonly role: string };
  /** An organization policy that can refuse the form's grant, as a review bullet, or undefined. */
  readonly organizationPolicy: string | undefined;
}

/** Every GCP form, one per kind of GcpTrust: a kind without its form does not compile. */
export type GcpForms = { readonly [K in GcpTrust['kind']]: GcpTrustForm<Extract<GcpTrust, { kind: K }>> };
