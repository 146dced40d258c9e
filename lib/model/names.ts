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
} as const;

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
 * by the caller, who may only have a Terraform expression) and the set id's slash a dot.
 */
export function gcpRoleId(underscoredPrefix: string, permissionSetId: string): string {
  return `${underscoredPrefix}.${permissionSetId.replace(/-/g, '_').replace('/', '.')}`;
}

export function gcpRoleTitle(prefix: string, permissionSetId: string): string {
  return `Alien ${permissionSetId} (${prefix})`;
}

/** Azure role definition names are unique across the tenant, so both prefix and group are in it. */
export function azureRoleName(prefix: string, resourceGroup: string): string {
  return `Alien ${prefix} in ${resourceGroup}`;
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
  azureResourceGroup: 90,
} as const;
