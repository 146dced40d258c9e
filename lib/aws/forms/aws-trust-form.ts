import type { Stack } from 'aws-cdk-lib';
import type { IPrincipal } from 'aws-cdk-lib/aws-iam';
import type { TerraformStack } from 'cdktf';
import type { TrustForm } from '../../model/trust-form';
import type { AwsTrust } from '../../model/trust-model';

/** The CloudFormation parameters that bind the role to one customer, and the principal they admit. */
export interface TrustParameters {
  readonly principal: IPrincipal;
  /** Parameter logical id → the label the console form shows. */
  readonly labels: Record<string, string>;
}

/** An AWS trust form: the parts every form has, and AWS's own (two renderings of one trust). */
export interface AwsTrustForm<T extends AwsTrust> extends TrustForm<T> {
  /** The template's parameters and the role's principal. Loaded only when AWS is rendered. */
  readonly cloudformation: (stack: Stack, trust: T) => TrustParameters;
  /** The Terraform module's variables and the role's trust statement, the same trust as `cloudformation`. */
  readonly terraform: (stack: TerraformStack, trust: T) => object;
  /** The role's description (at most 1000 characters, IAM's limit). */
  readonly roleDescription: (trust: T, product: string) => string;
  /** What the RoleArn output tells the customer to send. */
  readonly roleArnOutput: string;
  /**
   * The input that names the customer (CUSTOMER_INTERFACE.aws.inputs), which registration sends
   * back and `handoff` fills in; `externalId` makes handoff generate one per customer.
   */
  readonly binding: 'externalId' | 'customerId';
  /** What `aws iam get-role` shows of the trust, after "only the vendor's" (the install page). */
  readonly trustShown: string;
  /** The trust statement a deny must match to stop new sessions (the review's revocation step). */
  readonly vendorStatement: (trust: T) => { readonly Principal: object; readonly Action: string };
}

/** Every AWS form, one per kind of AwsTrust: a kind without its form does not compile. */
export type AwsForms = { readonly [K in AwsTrust['kind']]: AwsTrustForm<Extract<AwsTrust, { kind: K }>> };
