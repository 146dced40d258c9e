import type { TerraformStack } from 'cdktf';

/**
 * The Terraform versions the generated JSON is written for: 1.2 added the resource
 * preconditions the GCP module checks runtime service accounts with, 1.1 the `moved` blocks
 * the roots use; everything else (validation blocks, `can`, `regex`, local modules) is older.
 */
export const TERRAFORM_VERSION = '>= 1.2';

/** A provider requirement: registry source and the versions the output is valid for. */
export interface ProviderRequirement {
  readonly source: string;
  readonly version: string;
}

/**
 * The `terraform` block of a module or root: the Terraform version and the providers pinned
 * to the range the output is valid for (cdktf would otherwise pin the exact patch release of
 * its bindings, which customers cannot upgrade), and no backend. cdktf's default local backend
 * carries an absolute path of the machine that synthesized, and the customer chooses their own.
 */
export function terraformSettings(stack: TerraformStack, providers: Readonly<Record<string, ProviderRequirement>>): void {
  stack.addOverride('terraform.backend', undefined);
  stack.addOverride('terraform.required_version', TERRAFORM_VERSION);
  for (const [name, requirement] of Object.entries(providers)) {
    stack.addOverride(`terraform.required_providers.${name}`, { source: requirement.source, version: requirement.version });
  }
}

/**
 * A reusable module must not configure providers (HashiCorp, "Providers Within Modules"): it
 * inherits the caller's. cdktf needs a provider construct to accept the provider's resources,
 * so the module declares one for synthesis and drops the block from the output.
 */
export function withoutProviderBlocks(stack: TerraformStack): void {
  stack.addOverride('provider', undefined);
}
