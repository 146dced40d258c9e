/**
 * GCP services whose resources IAM Conditions can test by name (resource.name), keyed by the
 * first part of their permissions. Every other service ignores resource attributes, so a
 * condition on its permissions would not scope them.
 * https://cloud.google.com/iam/docs/conditions-resource-attributes
 */
const CONDITION_SERVICES = new Set([
  'bigquery',
  'bigtable',
  'cloudkms',
  'cloudsql',
  'compute',
  'container',
  'datastore',
  'secretmanager',
  'spanner',
  'storage',
]);

export function supportsResourceConditions(permission: string): boolean {
  return CONDITION_SERVICES.has(permission.split('.')[0]);
}
