import { readList } from './list-file';

let known: ReadonlySet<string> | undefined;

/**
 * Whether a permission appears in at least one of GCP's predefined roles. One that does not is
 * almost certainly misspelled. The list is read on first use only.
 */
export function gcpPermissionKnown(permission: string): boolean {
  return list().has(permission);
}

/** The known permissions of the same service, for a suggestion. */
export function gcpPermissionsOfService(permission: string): string[] {
  const service = `${permission.split('.')[0]}.`;
  return [...list()].filter((p) => p.startsWith(service));
}

function list(): ReadonlySet<string> {
  known ??= new Set(readList('gcp-permissions.txt'));
  return known;
}
