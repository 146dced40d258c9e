import { readList } from './list-file';

let known: ReadonlySet<string> | undefined;

/**
 * Whether a permission appears in at least one of GCP's predefined roles. One that does not is
 * almost certainly misspelled. The list is read on first use only.
 */
export function gcpPermissionKnown(permission: string): boolean {
  known ??= new Set(readList('gcp-permissions.txt'));
  return known.has(permission);
}
