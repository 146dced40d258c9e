/**
 * Every name this tool derives, in one place, so each can be checked against its cloud's
 * limit at the longest prefix. Renderers pass their own expression for the prefix (a
 * CloudFormation `${ResourcePrefix}`, a Terraform `${var.resource_prefix}`); tests pass
 * concrete prefixes.
 */
import { createHash } from 'node:crypto';

/**
 * The rule for the customer's resource prefix, shared by CloudFormation, Terraform, the CLI and
 * the catalog. Grants name `${prefix}-…`, so the prefix may not contain the hyphen that follows
 * it: then `p-*` can match a name `q-…` only when p = q, and a deployment prefixed `acme` never
 * reaches the resources of one prefixed `acmeprod` (with hyphens allowed, `acme-*` would match
 * everything of `acme-prod`). The catalog rule `prefixEndsAtSeparator` keeps every grant to it.
 */
export const RESOURCE_PREFIX = {
  /** Anchored: CloudFormation's AllowedPattern and Terraform's regex() read it alike. */
  pattern: '^[a-z][a-z0-9]{0,23}$',
  maxLength: 24,
  description: '1–24 lower-case letters and digits, starting with a letter, no hyphens',
  example: 'acmeprod',
} as const;

/**
 * Characters that may follow `${prefix}` in a grant: anything the prefix cannot contain and
 * that is no wildcard, so the prefix ends exactly there.
 */
export const PREFIX_FOLLOWER = /^[^a-zA-Z0-9*?"']/;

/** A GCP project id, optionally domain-scoped (`example.com:my-project`). */
export const GCP_PROJECT_ID = {
  pattern: '^(?:[a-z0-9][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$',
  description: 'a project id: 6–30 lower-case letters, digits and hyphens, starting with a letter (for example acme-prod-123)',
} as const;

/**
 * The domain of a project's service-account emails: `<id>.iam.gserviceaccount.com` for a
 * plain project, `<id>.<domain>.iam.gserviceaccount.com` for a domain-scoped `<domain>:<id>`.
 */
export function gcpServiceAccountDomain(project: string): string {
  const [domain, id] = project.includes(':') ? project.split(':') : [undefined, project];
  return `${domain ? `${id}.${domain}` : id}.iam.gserviceaccount.com`;
}

/** An Azure subscription id: a GUID. */
export const AZURE_SUBSCRIPTION_ID = {
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'a subscription id, a GUID such as 00000000-0000-0000-0000-000000000000 (az account show --query id)',
} as const;

/** Random bytes in GCP custom role ids (see GcpTrustStack): 6 hex characters. */
export const GCP_ROLE_SUFFIX_BYTES = 3;

/**
 * The customer's GCP service account id (6–30 characters). It holds the product, so that two
 * products of one customer with the same prefix get two accounts: `<prefix>-<spec name>` when
 * that fits, else `<prefix>-<5 hex of the name's hash>`, which always does (24 + 1 + 5). The
 * renderer picks between the two with the prefix Terraform is given.
 */
export function gcpServiceAccountIds(specName: string): {
  readable: (prefix: string) => string;
  hashed: (prefix: string) => string;
  readableFrom: number;
  readableUpTo: number;
} {
  const hash = createHash('sha256').update(specName).digest('hex').slice(0, GCP_ACCOUNT_HASH_CHARACTERS);
  return {
    readable: (prefix) => `${prefix}-${specName}`,
    hashed: (prefix) => `${prefix}-${hash}`,
    // Prefix lengths for which `<prefix>-<name>` holds 6 to 30 characters.
    readableFrom: Math.max(1, NAME_LIMITS.gcpServiceAccountId.min - specName.length - 1),
    readableUpTo: NAME_LIMITS.gcpServiceAccountId.max - specName.length - 1,
  };
}

const GCP_ACCOUNT_HASH_CHARACTERS = 5;

/**
 * The GCP service account id as a reader sees it: the readable form, with the prefix length past
 * which the hashed form is used instead (or the hashed form alone, when no prefix fits beside the name).
 */
export function gcpServiceAccountIdShown(prefix: string, specName: string): { id: string; note: string } {
  const ids = gcpServiceAccountIds(specName);
  if (ids.readableUpTo < 1) return { id: ids.hashed(prefix), note: '' };
  const shorter = ids.readableFrom > 1 ? ` or under ${ids.readableFrom}` : '';
  return {
    id: ids.readable(prefix),
    note: ` (\`${ids.hashed(prefix)}\` for a prefix over ${ids.readableUpTo}${shorter} characters, where the readable id would not hold GCP's 6 to 30)`,
  };
}

/** The GCP service account id for a concrete prefix (the CLI, the review and tests). */
export function gcpServiceAccountId(prefix: string, specName: string): string {
  const ids = gcpServiceAccountIds(specName);
  return prefix.length >= ids.readableFrom && prefix.length <= ids.readableUpTo ? ids.readable(prefix) : ids.hashed(prefix);
}

/** An Azure workload identity (a user-assigned identity the template creates): `<prefix>-<name>`. */
export function azureWorkloadIdentityName(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}

/** The Azure managed identity: the prefix and the product, so two products never share it. */
export function azureIdentityName(prefix: string, specName: string): string {
  return `${prefix}-${specName}`;
}

/** The CloudFormation stack a quick-create link names: one per deployment and product. */
export function awsStackName(prefix: string, specName: string): string {
  return `${prefix}-${specName}`;
}

/**
 * The IAM path of the AWS role and its policies. No grant can reach it: grants name
 * `role/${prefix}-…`, and `alientrust/` has no hyphen before its slash, so the vendor can never
 * pass its own management role to a function that would outlive a revoked trust.
 */
export const AWS_IAM_PATH = '/alientrust/';

/** The product's part of AWS names: the spec name, or its start and a hash when too long. */
export function awsProductTag(specName: string): string {
  if (specName.length <= AWS_PRODUCT_TAG_LENGTH) return specName;
  const hash = createHash('sha256').update(specName).digest('hex').slice(0, 6);
  return `${specName.slice(0, AWS_PRODUCT_TAG_LENGTH - 7)}-${hash}`;
}

/** What is left of the role's 64 characters beside the longest prefix and region. */
const AWS_PRODUCT_TAG_LENGTH = 23;

/** The longest AWS region name allowed for: today's longest have 14 characters. */
export const AWS_LONGEST_REGION = 'ap-southeast-77';

/**
 * The AWS role. IAM names are unique per account across regions, so the name holds all that
 * tells two stacks apart: the deployment (prefix), the product (spec name) and the region (the
 * grants are regional, so each region needs its own stack).
 */
export function awsRoleName(prefix: string, productTag: string, region: string): string {
  return `${prefix}-${productTag}-${region}`;
}

/** Customer-managed IAM policies on the role, numbered from 1. */
export function awsPolicyName(prefix: string, productTag: string, region: string, index: number): string {
  return `${awsRoleName(prefix, productTag, region)}-${index}`;
}

/**
 * The IAM path of the workload roles the template creates (spec `workloadIdentities.identities`):
 * `/alien-workload/<prefix>/`. It is the one place the vendor's PassRole grants reach
 * (`role/alien-workload/${prefix}/*`): the prefix has no slash, so `acme/` never matches
 * `acmeprod/`; no customer role sits there unless the customer puts it there; the management
 * role is under `/alientrust/`; and no grant lets the vendor create or move a role, so nothing
 * the vendor makes can ever land on it.
 */
export function awsWorkloadPath(prefix: string): string {
  return `/${AWS_WORKLOAD_PATH_ROOT}/${prefix}/`;
}

export const AWS_WORKLOAD_PATH_ROOT = 'alien-workload';

/**
 * A workload role (and its EC2 instance profile): `<prefix>-<name>`, as Alien names the
 * deployment's service accounts (`${prefix}-<id>`). IAM names are unique per account: a second
 * stack for the same prefix and identity fails at create instead of sharing the role.
 */
export function awsWorkloadRoleName(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}

/** The template's managed policies on every workload role, numbered from 1, under `/alientrust/`. */
export function awsWorkloadPolicyName(prefix: string, productTag: string, region: string, index: number): string {
  return `${awsRoleName(prefix, productTag, region)}-workload-${index}`;
}

/**
 * A workload identity's name in the spec: lower-case letters, digits and inner hyphens, short
 * enough that `<prefix>-<name>` holds an IAM role name (64) at the longest prefix (24).
 */
export const WORKLOAD_IDENTITY_NAME = {
  pattern: /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/,
  // NAME_LIMITS.awsRoleName (64, declared below) less the longest prefix and its hyphen; test/model/names.test.ts holds it there.
  maxLength: 64 - RESOURCE_PREFIX.maxLength - 1,
  description: 'lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen',
} as const;

/**
 * A managed policy's description. CloudFormation replaces a policy whose description changes,
 * and a named resource cannot be replaced in place, so it holds nothing a new version could
 * reword: only what its name holds too.
 */
export function awsPolicyDescription(index: number): string {
  return `Permissions of the vendor's management role, part ${index}`;
}

/** A workload policy's description: only what its name holds too (see awsPolicyDescription). */
export function awsWorkloadPolicyDescription(index: number): string {
  return `Permissions of the deployment's workload roles, part ${index}`;
}

/**
 * A GCP custom role id: `[a-zA-Z0-9_.]{3,64}`, so the set id's hyphens become underscores and
 * its slash a dot (the prefix has neither). The suffix is the deployment's random hex, new
 * after every destroy.
 */
export function gcpRoleId(prefix: string, suffix: string, permissionSetId: string): string {
  return `${prefix}_${suffix}.${permissionSetId.replace(/-/g, '_').replace('/', '.')}`;
}

export function gcpRoleTitle(prefix: string, permissionSetId: string): string {
  return `Alien ${permissionSetId} (${prefix})`;
}

/**
 * Azure role definition names are unique across the whole Entra tenant, and one tenant holds
 * many subscriptions with the same group names (staging and production). The name carries a
 * hash of the group's id (which holds the subscription) and the prefix, so every distinct
 * (subscription, group, prefix) gets its own name, and the same deployment the same name in
 * every version. The readable group name is cut to keep within the limit; the hash decides.
 */
export function azureRoleName(prefix: string, resourceGroupShown: string, hash: string): string {
  return `Alien ${prefix} in ${resourceGroupShown} #${hash}`;
}

/** How much of the group name and of the hash the Azure role name shows. */
export const AZURE_ROLE_NAME_PARTS = { groupCharacters: 80, hashCharacters: 8 } as const;

/**
 * The second Azure role, which holds only `userAssignedIdentities/assign/action` and is assigned
 * at each workload identity (never at the group): unique like the first, with the same hash, and
 * a shorter cut of the group name for the longer text.
 */
export function azureAttachRoleName(prefix: string, resourceGroupShown: string, hash: string): string {
  return `Alien ${prefix} attach in ${resourceGroupShown} #${hash}`;
}

export const AZURE_ATTACH_ROLE_GROUP_CHARACTERS = 77;

/**
 * The Azure role's description names every permission set while that fits Azure's 1,024
 * characters, and counts them when it would not (PERMISSIONS.md lists them all).
 */
export function azureRoleDescription(specName: string, setIds: readonly string[]): string {
  const listed = `Lets ${specName} act in this resource group with: ${setIds.join(', ')}`;
  return listed.length <= NAME_LIMITS.azureRoleDescription
    ? listed
    : `Lets ${specName} act in this resource group with ${setIds.length} permission sets; see PERMISSIONS.md`;
}

export const AZURE_FEDERATED_CREDENTIAL_NAME = 'alien-control-plane';

/** Limits of the names above, from each cloud's documentation. */
export const NAME_LIMITS = {
  awsRoleName: 64,
  awsPolicyName: 128,
  /** IAM instance profile names: 128 characters. */
  awsInstanceProfileName: 128,
  /** Workload identities per spec: each is a role (and an Azure identity) the template creates. */
  workloadIdentities: 20,
  gcpServiceAccountId: { min: 6, max: 30, pattern: /^[a-z]([-a-z0-9]*[a-z0-9])$/ },
  gcpRoleId: { max: 64, pattern: /^[a-zA-Z0-9_.]{3,64}$/ },
  gcpRoleTitle: 100,
  gcpRoleDescription: 256,
  /** google_service_account `description`: the provider validates StringLenBetween(0, 256). */
  gcpServiceAccountDescriptionBytes: 256,
  gcpServiceAccountDisplayName: 100,
  gcpPoolId: { pattern: /^(?!gcp-)[a-z0-9-]{4,32}$/ },
  gcpPoolDisplayName: 32,
  gcpPoolDescription: 256,
  /** `google.subject` of a workload identity pool: Google refuses longer subjects at the token exchange. */
  googleSubject: 127,
  azureFederatedCredentialName: { pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/ },
  /** A federated credential's issuer and subject. */
  azureFederatedCredentialValue: 600,
  azureIdentityName: { max: 128, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/ },
  /** Role names were limited to 128 characters before Azure raised it to 512; the lower one holds everywhere. */
  azureRoleName: 128,
  azureRoleDescription: 1024,
  azureResourceGroup: 90,
} as const;
