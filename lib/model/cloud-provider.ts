import type { Cloud } from '../core/variables';
import type { HandoffCustomer, Replacing, TrustForm, TrustReaders } from './trust-form';
import type { TrustModel, WorkloadIdentities, WorkloadIdentity } from './trust-model';

/**
 * A cloud, registered once (lib/clouds/registry.ts): how it renders a model, how its trust forms
 * are told apart, what the review says of it, and how a release of it is read back. Release,
 * review and command-line code loop over the registry for all of this; only what one cloud alone
 * has (AWS's quick-create link and CloudFormation registration events) is named in the CLI. The
 * registry is a Record over `Cloud`, so a cloud added to CLOUDS without its provider does not compile.
 */
export interface CloudProvider<C extends Cloud = Cloud> {
  readonly cloud: C;
  /** Every trust form of the cloud, by kind: diff and replacements read releases of any form. */
  readonly forms: Readonly<
    Record<string, Pick<TrustForm<{ readonly kind: string }>, 'kind' | 'summary' | 'trustReaders' | 'inert' | 'replacing'>>
  >;
  /** The model's trust on this cloud with its form's parts applied to it; undefined when the model leaves the cloud out. */
  readonly trustOf: (model: TrustModel) => BoundTrust | undefined;
  /**
   * The cloud's templates, by path inside its folder: loads its renderer (aws-cdk-lib, cdktf) on
   * first use, so a spec for one cloud does not pay for the others.
   */
  readonly render: (model: TrustModel) => Record<string, object>;
  /** What PERMISSIONS.md and INSTALL.md say of the cloud (markdown lines). */
  readonly review: {
    /** The identity each deployment gets, as INSTALL.md's summary names it (`AWS: an IAM role`). */
    readonly identity: string;
    /** Its part of "Who can get in". */
    readonly trust: (model: TrustModel) => string[];
    /** Its part of "Revoking access". */
    readonly revocation: (model: TrustModel) => string[];
    /** Its section of INSTALL.md, read from the release's own templates. */
    readonly install: (model: TrustModel, files: ReadonlyMap<string, string>) => string[];
    /** Its parts of "Workload identities". */
    readonly workload: {
      /** One identity on this cloud, after "**name**: ". */
      readonly identity: (model: TrustModel, identity: WorkloadIdentity) => string;
      /** What they may do here, appended to the sets' list (with its leading punctuation), or ''. */
      readonly permissions: (model: TrustModel, workload: WorkloadIdentities) => string;
      /** What the vendor may do with them here: a bullet. */
      readonly vendor: (model: TrustModel) => string;
      /** What deleting the deployment deletes here. */
      readonly deletion: string;
    };
  };
  /** How `diff` reads a release of the cloud: each file's grants, one line each… */
  readonly readGrants: (file: any, grants: string[]) => void; // eslint-disable-line @typescript-eslint/no-explicit-any -- a template's JSON
  /** …and the trust of the cloud's identity, whatever the form (the forms add their own readers). */
  readonly trustReaders: TrustReaders;
  /**
   * Which of the cloud's renderings `diff` reads: AWS its CloudFormation template (the Terraform
   * module writes the same plan, test/aws/terraform-equivalence), the others their Terraform module.
   */
  readonly diffReads: 'cloudformation' | 'terraform';
  /**
   * The cloud's resource types, whatever the form, that `diff` does not read, each with why. Every
   * other type a release holds changes what `diff` reports when it changes (test/clouds/registry.test.ts).
   */
  readonly inert: Readonly<Record<string, string>>;
  /** The cloud's resources, whatever the form, that an upgrade replaces when these change. */
  readonly replacing: Replacing;
  /**
   * `register --terraform-outputs --cloud <cloud>`: the registration record's fields from a
   * customer's `terraform output -json`, and the identity that keeps its id across applies; absent
   * where registration comes another way (AWS: the stack's custom resource).
   */
  readonly terraformRegistration?: (outputs: TerraformOutputs) => {
    readonly identity: string;
    readonly fields: Readonly<Record<string, unknown>>;
  };
}

/** A customer's Terraform outputs as `register` reads them. */
export interface TerraformOutputs {
  /** The output's text; refuses the registration when it is missing or empty. */
  readonly text: (name: string) => string;
  /** The output's text, or undefined when the release predates it. */
  readonly optional: (name: string) => string | undefined;
  /** Refuses the registration with one line saying why. */
  readonly refuse: (reason: string) => never;
}

/** A model's trust on one cloud, its form's parts applied to it. */
export interface BoundTrust {
  readonly kind: string;
  readonly summary: string;
  readonly sharedIdentityWarning: string | undefined;
  /** The Terraform inputs that bind the cloud's configuration to one customer (handoff). */
  readonly customerInputs: (customer: HandoffCustomer) => Readonly<Record<string, string>>;
}

/** Binds a form to the trust it is for. */
export function boundTrust<T extends { readonly kind: string }>(form: TrustForm<T>, trust: T): BoundTrust {
  return {
    kind: form.kind,
    summary: form.summary,
    sharedIdentityWarning: form.sharedIdentityWarning(trust),
    customerInputs: (customer) => form.customerInputs(trust, customer),
  };
}
