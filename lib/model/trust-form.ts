/**
 * A trust form: one way a cloud's identity lets the vendor in (AWS: the vendor's role with an
 * external id, or OIDC; GCP: a pinned or per-customer vendor service account, or OIDC; Azure: a
 * federated credential with one subject or a subject per customer). Each form is one module,
 * `lib/<cloud>/forms/<form>/`, holding every part below plus its cloud's own (its rendering, its
 * revocation step); each cloud's table of forms (`AWS_FORMS`, `GCP_FORMS`, `AZURE_FORMS`) is a
 * mapped type over the model's union, so a form added to the union without a module, or a module
 * missing a part, does not compile.
 */
export interface TrustForm<T extends { readonly kind: string }> {
  readonly kind: T['kind'];
  /** One line for the docs and the review's reader: how the vendor gets in. */
  readonly summary: string;
  /** The review's "Who can use it" and "Condition" bullets (markdown). */
  readonly who: (trust: T) => readonly string[];
  /** The review diagram's vendor node and the edge label into the customer's identity (mermaid labels). */
  readonly diagram: (trust: T) => { readonly vendor: string; readonly edge: string };
  /**
   * The publisher's warning when the form trusts one vendor identity for every customer (the
   * confused-deputy problem), or undefined: printed by synth, not written into the release.
   */
  readonly sharedIdentityWarning: (trust: T) => string | undefined;
  /**
   * The Terraform inputs that bind the configuration to one customer, which `handoff` writes into
   * the customer's tfvars beside the prefix. Throws a UsageError for a customer value it refuses.
   */
  readonly customerInputs: (trust: T, customer: HandoffCustomer) => Readonly<Record<string, string>>;
  /**
   * How `diff` reads this form's trust back from a release, by resource type: every resource the
   * form renders that decides who gets in. A form whose trust sits in a type no reader reads would
   * diff as "trust: unchanged" (test/model/trust-forms.test.ts holds each form to it).
   */
  readonly trustReaders: TrustReaders;
  /**
   * The form's other resource types, which decide nothing `diff` must report, each with why; with
   * `trustReaders` they cover every type the form renders beyond its cloud's (the same test).
   */
  readonly inert: Readonly<Record<string, string>>;
  /** The form's own resources that an upgrade replaces rather than updates when these change. */
  readonly replacing: Replacing;
}

/** What `handoff` knows of one customer. */
export interface HandoffCustomer {
  readonly customerId: string;
  /** AWS's role form: the external id handoff generated or was given for this customer. */
  readonly externalId?: string;
  /** `--vendor-service-account`, where the vendor gave it. */
  readonly vendorServiceAccount?: string;
}

/** Reads one resource of a release into `trust` (`cloud.field` → value). */
export type ResourceReader = (name: string, body: any, trust: Record<string, string>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any -- a template's JSON

/** Readers by resource type: CloudFormation `Type`s and Terraform resource types. */
export interface TrustReaders {
  readonly cloudformation?: Readonly<Record<string, ResourceReader>>;
  readonly terraform?: Readonly<Record<string, ResourceReader>>;
}

/**
 * Replacement rules by resource type: CloudFormation's "Update requires: Replacement" properties
 * (and which one names the resource), and the Terraform arguments a provider marks ForceNew.
 */
export interface Replacing {
  readonly cloudformation?: Readonly<Record<string, { readonly properties: readonly string[]; readonly name: string }>>;
  readonly terraform?: Readonly<Record<string, { readonly arguments: readonly string[]; readonly consequence: string }>>;
}

/** The review's note on every form that trusts one vendor identity for every customer: the risk the spec chose. */
export const CONFUSED_DEPUTY =
  'one vendor identity for every customer: a customer who gives the vendor your identity could get the vendor to act on it for them (the confused-deputy problem). Ask the vendor for a per-customer form.';
