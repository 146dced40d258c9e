import type { Sensitive } from '../sensitive';

/** Azure operations that can widen access or hand out keys. */
export const AZURE_SENSITIVE_OPERATIONS: readonly Sensitive[] = [
  { pattern: /^Microsoft\.Authorization\/.*\/(write|delete|action)$/i, why: 'changes role assignments, definitions, locks or policies' },
  {
    pattern: /^Microsoft\.ManagedIdentity\/userAssignedIdentities\/.*(write|delete|action)$/i,
    why: 'changes or assigns managed identities',
  },
  { pattern: /^Microsoft\.KeyVault\/vaults\/(write|accessPolicies\/write)$/i, why: "can change the vault's access policies" },
  { pattern: /^Microsoft\.Storage\/storageAccounts\/write$/i, why: 'can open the account to public blob access or shared-key sign-in' },
  { pattern: /^Microsoft\.DBforPostgreSQL\/flexibleServers\/write$/i, why: 'can also reset the admin password or change network access' },
  {
    pattern: /^Microsoft\.ContainerRegistry\/registries\/scheduleRun\/action$/i,
    why: 'runs the submitted task steps with the registry task identity',
  },
  {
    pattern: /\/(listKeys|regenerateKey|listAccountSas|listServiceSas|listCredentials?|listAdminCredentials|listUserCredentials)\/action$/i,
    why: 'hands out keys or credentials',
  },
];
