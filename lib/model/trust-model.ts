import type { Cloud, TemplatePart } from '../core/variables';
import type { WorkloadService } from '../core/workload-services';

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
  /** The identities the application runs as, created by the template, and what they may do. */
  readonly workloadIdentities?: WorkloadIdentities;
  /** Where each customer's deployment reports itself to the vendor. */
  readonly registration?: Registration;
  /** With the spec's `stack`: each set Alien's management profile picks, and for which resources. */
  readonly stackPicks?: readonly StackPick[];
}

export interface StackPick {
  readonly id: string;
  /** The stack's resources it is picked for. */
  readonly resources: readonly { readonly kind: string; readonly id: string; readonly lifecycle: 'live' | 'frozen' }[];
  /** Alien's rule that picked it: provision, management, heartbeat, dispatch-command, trigger-management. */
  readonly rule: string;
}

export interface Registration {
  /** The CloudFormation custom resource's ServiceToken: the vendor's SNS topic or Lambda function ARN. */
  readonly aws?: { readonly serviceToken: string };
}

export interface WorkloadIdentities {
  /**
   * The identities the application runs as, each created by the customer's template (never by
   * the vendor): on AWS a role `<prefix>-<name>` under `/alien-workload/<prefix>/` trusted only
   * by the listed services; on Azure a user-assigned identity `<prefix>-<name>`.
   */
  readonly identities: readonly WorkloadIdentity[];
  /** What every one of them may do: on AWS managed policies of these sets' statements. */
  readonly permissionSets: readonly PermissionSet[];
  /** On Azure, the built-in roles the template assigns each identity at the resource group. */
  readonly azureRoles: readonly { readonly name: string; readonly id: string }[];
}

export interface WorkloadIdentity {
  readonly name: string;
  /** The services that may run as it (lib/model/workload-services.ts), in the spec's order. */
  readonly services: readonly WorkloadService[];
}

/** A string with variables; see `parseTemplate`. */
export type Template = readonly TemplatePart[];

/**
 * The vendor's OIDC issuer, trusted directly: tokens must carry the audience and a subject of
 * `subjectPrefix` + the customer's id, which each customer enters (so it is per customer).
 */
export interface OidcTrust {
  readonly issuer: string;
  readonly audience: string;
  readonly subjectPrefix: string;
}

export type AwsTrust = {
  /** Longest session the role grants, in seconds. */
  readonly maxSessionDuration: number;
} & (
  | {
      /** The vendor's role assumes the customer's role with the customer's external id. */
      readonly kind: 'role';
      readonly managingRoleArn: string;
    }
  | {
      /** `sts:AssumeRoleWithWebIdentity` through an IAM OIDC provider for the vendor's issuer. */
      readonly kind: 'oidc';
      readonly oidc: OidcTrust;
    }
);

export type GcpTrust =
  | {
      /** One vendor service account for every customer: the confused-deputy risk is the spec's choice. */
      readonly kind: 'pinned';
      readonly serviceAccount: string;
    }
  | {
      /** A vendor service account per customer, entered by the customer, in this vendor project. */
      readonly kind: 'per-customer';
      readonly serviceAccountProject: string;
    }
  | {
      /** Workload identity federation with the vendor's issuer, pinned to the customer's subject. */
      readonly kind: 'oidc';
      readonly oidc: OidcTrust;
    };

export type AzureTrust = {
  readonly issuer: string;
  readonly audience: string;
} & (
  | {
      /** One subject for every customer: the confused-deputy risk is the spec's choice. */
      readonly kind: 'fixed-subject';
      readonly subject: string;
    }
  | {
      /** A subject per customer: `subjectPrefix` + the customer's id, which each customer enters. */
      readonly kind: 'per-customer';
      readonly subjectPrefix: string;
    }
);

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
  /** Whether the set reads the customer's content (object bodies, secrets, items, messages). */
  readonly contentRead: boolean;
  /** Set when a grant can outlast the trust: why, and per cloud how to find and remove what it left. */
  readonly outlivesRevocation?: { readonly reason: string } & Readonly<Partial<Record<Cloud, string>>>;
  /** Calls of Alien's controllers under this id that the set will not grant, and why. */
  readonly refuses: readonly { readonly permissions: readonly string[]; readonly reason: string }[];
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
  /** Needs actAs on the deployment's runtime service accounts, granted one account at a time. */
  readonly actAsRuntimeServiceAccounts?: boolean;
}

export interface AzureGrant {
  readonly actions: readonly string[];
  readonly dataActions: readonly string[];
}
