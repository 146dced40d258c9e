import type { Cloud, TemplatePart } from '../spec/variables';

/**
 * The cloud-neutral model every renderer reads: who may get in, with what. It holds no
 * YAML positions and no cloud syntax; `${prefix}` and friends are already split into parts.
 */
export interface TrustModel {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  /** The clouds to generate, in catalog order (aws, gcp, azure). */
  readonly clouds: readonly Cloud[];
  /** The granted permission sets in the order the spec lists them. */
  readonly permissionSets: readonly PermissionSet[];
  readonly aws?: AwsTrust;
  readonly gcp?: GcpTrust;
  readonly azure?: AzureTrust;
}

/** A string with variables; see `parseTemplate`. */
export type Template = readonly TemplatePart[];

export interface AwsTrust {
  /** The vendor's role that may assume the customer's role (with the customer's external id). */
  readonly managingRoleArn: string;
  /** Longest session `sts:AssumeRole` may grant, in seconds. */
  readonly maxSessionDuration: number;
}

export interface GcpTrust {
  /** The vendor's service account that gets `roles/iam.serviceAccountTokenCreator` on the customer's. */
  readonly managingServiceAccount: string;
}

export interface AzureTrust {
  readonly issuer: string;
  readonly subject: string;
  readonly audience: string;
}

export interface PermissionSet {
  readonly id: string;
  readonly description: string;
  /** Whether the set comes from the built-in catalog or the spec's `customPermissionSets`. */
  readonly origin: 'catalog' | 'custom';
  readonly aws?: readonly AwsStatement[];
  readonly gcp?: GcpGrant;
  readonly azure?: AzureGrant;
  /** Clouds where the set grants nothing, with the reason. */
  readonly unsupported: Readonly<Partial<Record<Cloud, string>>>;
  /** Set when the set changes access or hands out credentials: why the vendor needs it. */
  readonly privilegedReason?: string;
}

export type ConditionValue = Template | readonly Template[] | boolean;

export interface AwsStatement {
  readonly actions: readonly string[];
  readonly resources: readonly Template[];
  /** `{ Operator: { key: value } }`, as in an IAM policy. */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, ConditionValue>>>>;
}

export interface GcpGrant {
  readonly permissions: readonly string[];
  readonly condition?: { readonly title: Template; readonly description?: Template; readonly expression: Template };
  /** Why the grant reaches the whole project (its service ignores IAM conditions). */
  readonly projectWide?: string;
}

export interface AzureGrant {
  readonly actions: readonly string[];
  readonly dataActions: readonly string[];
}
