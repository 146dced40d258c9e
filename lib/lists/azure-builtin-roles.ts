import { readList } from './list-file';

let byName: ReadonlyMap<string, string> | undefined;

/** Azure's built-in roles by name → role definition id (a GUID); see data/README.md. */
export function azureBuiltInRoles(): ReadonlyMap<string, string> {
  byName ??= new Map(
    readList('azure-builtin-roles.tsv')
      .slice(1)
      .map((line) => line.split('\t'))
      .map(([id, name]) => [name, id] as const),
  );
  return byName;
}
