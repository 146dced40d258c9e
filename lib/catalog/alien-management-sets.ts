import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CATALOG_DIR } from './catalog';

/** Alien's management permission-set ids and the ones refused (see the YAML file's header). */
interface AlienManagementSets {
  readonly ids: readonly string[];
  readonly refused: Readonly<Record<string, string>>;
}

let loaded: AlienManagementSets | undefined;

export function alienManagementSets(): AlienManagementSets {
  loaded ??= parse(readFileSync(join(CATALOG_DIR, '..', 'alien-management-sets.yaml'), 'utf8')) as AlienManagementSets;
  return loaded;
}

/** Why this tool will not grant an id of Alien's, if it refuses it. */
export function refusedReason(id: string): string | undefined {
  return alienManagementSets().refused[id];
}
