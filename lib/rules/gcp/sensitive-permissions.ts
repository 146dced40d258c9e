import type { Sensitive } from '../sensitive';

/** GCP permissions that can widen access or mint credentials. */
export const GCP_SENSITIVE_PERMISSIONS: readonly Sensitive[] = [
  { pattern: /\.setIamPolicy$/, why: 'changes who can reach a resource' },
  {
    pattern: /^iam\.serviceAccounts\.(actAs|getAccessToken|getOpenIdToken|signBlob|signJwt|implicitDelegation)$/,
    why: 'lets the vendor act as another service account',
  },
  { pattern: /^iam\.serviceAccountKeys\.(create|upload)$/, why: 'creates long-lived service-account keys' },
  {
    pattern:
      /^iam\.(roles|serviceAccounts|workloadIdentityPools|workloadIdentityPoolProviders)\.(create|update|delete|undelete|enable|disable)$/,
    why: 'changes IAM identities or roles',
  },
  { pattern: /^resourcemanager\./, why: 'changes projects, folders or organizations' },
  { pattern: /^orgpolicy\./, why: 'changes organization policies' },
  { pattern: /^cloudbuild\.builds\.create$/, why: 'runs the submitted build steps as the build service account' },
  { pattern: /^cloudsql\.instances\.update$/, why: 'can also change authorized networks and flags' },
];
