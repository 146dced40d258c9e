/**
 * Every name this tool derives, in one place, so each can be checked against its cloud's
 * limit at the longest prefix. Renderers pass their own expression for the prefix (a
 * CloudFormation `${ResourcePrefix}`, a Terraform `${var.resource_prefix}`); tests pass
 * concrete prefixes.
 */

/** The rule for the customer's resource prefix, shared by CloudFormation, Terraform and the CLI. */
export const RESOURCE_PREFIX = {
  /** Anchored: CloudFormation's AllowedPattern and Terraform's regex() read it alike. */
  pattern: '^[a-z](?:[a-z0-9-]{0,22}[a-z0-9])?$',
  maxLength: 24,
  description: '1–24 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen',
  example: 'acme-prod',
} as const;

/** A GCP project id, optionally domain-scoped (`example.com:my-project`). */
export const GCP_PROJECT_ID = {
  pattern: '^(?:[a-z0-9][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$',
  description: 'a project id: 6–30 lower-case letters, digits and hyphens, starting with a letter (for example acme-prod-123)',
} as const;

/** An Azure subscription id: a GUID. */
export const AZURE_SUBSCRIPTION_ID = {
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'a subscription id, a GUID such as 00000000-0000-0000-0000-000000000000 (az account show --query id)',
} as const;

/** Random bytes in GCP custom role ids (see GcpTrustStack): 6 hex characters. */
export const GCP_ROLE_SUFFIX_BYTES = 3;

/** The customer's identity: AWS role, GCP service account id, Azure managed identity. */
export function identityName(prefix: string): string {
  return `${prefix}-alien`;
}

/** Customer-managed IAM policies on the role, numbered from 1. */
export function awsPolicyName(prefix: string, index: number): string {
  return `${prefix}-alien-permissions-${index}`;
}

/**
 * A GCP custom role id: `[a-zA-Z0-9_.]{3,64}`, so hyphens become underscores (in the prefix
 * by the caller, who may only have a Terraform expression) and the set id's slash a dot. The
 * suffix is the deployment's random hex, new after every destroy.
 */
export function gcpRoleId(underscoredPrefix: string, suffix: string, permissionSetId: string): string {
  return `${underscoredPrefix}_${suffix}.${permissionSetId.replace(/-/g, '_').replace('/', '.')}`;
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
 * The Azure role's description names every permission set while that fits Azure's 1,024
 * characters, and counts them when it would not (PERMISSIONS.md lists them all).
 */
export function azureRoleDescription(specName: string, setIds: readonly string[]): string {
  const listed = `Lets ${specName} act in this resource group with: ${setIds.join(', ')}`;
  return listed.length <= NAME_LIMITS.azureRoleDescription ? listed : `Lets ${specName} act in this resource group with ${setIds.length} permission sets; see PERMISSIONS.md`;
}

export const AZURE_FEDERATED_CREDENTIAL_NAME = 'alien-control-plane';

/** Limits of the names above, from each cloud's documentation. */
export const NAME_LIMITS = {
  awsRoleName: 64,
  awsPolicyName: 128,
  gcpServiceAccountId: { min: 6, max: 30, pattern: /^[a-z]([-a-z0-9]*[a-z0-9])$/ },
  gcpRoleId: { max: 64, pattern: /^[a-zA-Z0-9_.]{3,64}$/ },
  gcpRoleTitle: 100,
  gcpRoleDescription: 256,
  azureIdentityName: { max: 128, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/ },
  /** Role names were limited to 128 characters before Azure raised it to 512; the lower one holds everywhere. */
  azureRoleName: 128,
  azureRoleDescription: 1024,
  azureResourceGroup: 90,
} as const;
