import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLOUDS, type Cloud } from '../input/variables';
import { CATALOG_DIR, type Catalog } from './catalog';

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

/** Per cloud: granted, not granted (with the set's reason), refused, or not in the catalog yet. */
export type Coverage = 'granted' | 'no equivalent' | 'refused' | 'not yet';

export interface CoverageRow {
  readonly id: string;
  readonly clouds: Readonly<Record<Cloud, Coverage>>;
}

export function alienCoverage(catalog: Catalog): CoverageRow[] {
  const { ids, refused } = alienManagementSets();
  return ids.map((id) => {
    const set = catalog.get(id);
    const status = (cloud: Cloud): Coverage => (refused[id] ? 'refused' : !set ? 'not yet' : set[cloud] ? 'granted' : 'no equivalent');
    return { id, clouds: Object.fromEntries(CLOUDS.map((c) => [c, status(c)])) as Record<Cloud, Coverage> };
  });
}

const MARK: Record<Coverage, string> = { granted: 'yes', 'no equivalent': '—', refused: 'refused', 'not yet': 'not yet' };

/** The coverage as a Markdown table with a one-line count, for the README and the command line. */
export function coverageTable(rows: readonly CoverageRow[]): string {
  const covered = rows.filter((r) => Object.values(r.clouds).every((c) => c === 'granted' || c === 'no equivalent')).length;
  const refused = rows.filter((r) => r.clouds.aws === 'refused').length;
  return [
    `${covered} of Alien's ${rows.length} management set ids are in the catalog, ${refused} refused with a reason, ${rows.length - covered - refused} not yet. "—": the set has no equivalent on that cloud and says why.`,
    '',
    '| Alien set id | AWS | GCP | Azure |',
    '|---|---|---|---|',
    ...rows.map((r) => `| \`${r.id}\` | ${CLOUDS.map((c) => MARK[r.clouds[c]]).join(' | ')} |`),
  ].join('\n');
}
