import { CLOUDS, type Cloud } from '../core/variables';
import { alienCalls, callVerdict } from './alien-calls';
import { alienManagementSets } from './alien-management-sets';
import type { Catalog } from './catalog';

/** Per cloud: granted, not granted (with the set's reason), refused, or not in the catalog yet. */
export type Coverage = 'granted' | 'no equivalent' | 'refused' | 'not yet';

/** What the census says of one id on one cloud: its controller calls granted, refused in writing, or neither. */
export interface CallCounts {
  readonly granted: number;
  readonly refused: number;
  readonly gaps: number;
}

export interface CoverageRow {
  readonly id: string;
  readonly clouds: Readonly<Record<Cloud, Coverage>>;
  readonly calls: Readonly<Record<Cloud, CallCounts>>;
}

/** One census call a set refuses, with the reason the reviewer reads. */
export interface RefusedCall {
  readonly setId: string;
  readonly cloud: Cloud;
  readonly permission: string;
  readonly site: string;
  readonly reason: string;
}

/**
 * Every id Alien's profile can assign (the census's ids too, such as those Alien emits but does
 * not register), with per cloud the set's status and its controller calls' verdicts.
 */
export function alienCoverage(catalog: Catalog): CoverageRow[] {
  const { ids, refused } = alienManagementSets();
  const calls = alienCalls();
  const all = [...new Set([...ids, ...calls.map((c) => c.setId)])].sort();
  return all.map((id) => {
    const set = catalog.get(id);
    const status = (cloud: Cloud): Coverage => (refused[id] ? 'refused' : !set ? 'not yet' : set[cloud] ? 'granted' : 'no equivalent');
    const counts = (cloud: Cloud): CallCounts => {
      const verdicts = calls.filter((c) => c.setId === id && c.cloud === cloud).map((c) => callVerdict(c, catalog).status);
      return { granted: count(verdicts, 'granted'), refused: count(verdicts, 'refused'), gaps: count(verdicts, 'gap') };
    };
    return {
      id,
      clouds: Object.fromEntries(CLOUDS.map((c) => [c, status(c)])) as Record<Cloud, Coverage>,
      calls: Object.fromEntries(CLOUDS.map((c) => [c, counts(c)])) as Record<Cloud, CallCounts>,
    };
  });
}

const count = <T>(values: readonly T[], value: T) => values.filter((v) => v === value).length;

/** Every census call the catalog refuses, one per set, cloud and permission. */
export function refusedCalls(catalog: Catalog): RefusedCall[] {
  const seen = new Set<string>();
  return alienCalls().flatMap((call) => {
    const verdict = callVerdict(call, catalog);
    const key = `${call.setId} ${call.cloud} ${call.permission}`;
    if (verdict.status !== 'refused' || seen.has(key)) return [];
    seen.add(key);
    return [{ setId: call.setId, cloud: call.cloud, permission: call.permission, site: call.site, reason: verdict.reason }];
  });
}

const MARK: Record<Coverage, string> = { granted: 'yes', 'no equivalent': '—', refused: 'refused', 'not yet': 'not yet' };

/** A cell: the set's status, then how many of its controller calls it grants and refuses. */
function cell(status: Coverage, calls: CallCounts): string {
  const parts = [
    calls.granted && `${calls.granted} granted`,
    calls.refused && `${calls.refused} refused`,
    calls.gaps && `${calls.gaps} neither`,
  ].filter(Boolean);
  return parts.length > 0 ? `${MARK[status]} (${parts.join(', ')})` : MARK[status];
}

/** The coverage as a Markdown table with a one-line count, for docs/alien.md and the command line. */
export function coverageTable(rows: readonly CoverageRow[]): string {
  const covered = rows.filter((r) => Object.values(r.clouds).every((c) => c === 'granted' || c === 'no equivalent')).length;
  const refused = rows.filter((r) => r.clouds.aws === 'refused').length;
  return [
    `${covered} of Alien's ${rows.length} management set ids are in the catalog, ${refused} refused with a reason, ${rows.length - covered - refused} not yet. "—": the set has no equivalent on that cloud and says why.`,
    '',
    "In brackets: the calls Alien's controllers make under the id (lib/catalog/alien-calls, each with its file:line in Alien's source) that the set grants, on the deployment's own resources, and that it refuses with a reason (listed below).",
    '',
    '| Alien set id | AWS | GCP | Azure |',
    '|---|---|---|---|',
    ...rows.map((r) => `| \`${r.id}\` | ${CLOUDS.map((c) => cell(r.clouds[c], r.calls[c])).join(' | ')} |`),
  ].join('\n');
}

/** The refused calls as a Markdown list, grouped by set and cloud, each with its reason. */
export function refusedCallsList(calls: readonly RefusedCall[]): string {
  const groups = new Map<string, RefusedCall[]>();
  for (const call of calls) {
    const key = `${call.setId}\n${call.cloud}\n${call.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), call]);
  }
  return [...groups.values()]
    .map((group) => {
      const { setId, cloud, reason } = group[0];
      return `- \`${setId}\` (${cloud}): ${group.map((c) => `\`${c.permission}\``).join(', ')}. ${reason}`;
    })
    .join('\n');
}

/** What `catalog --alien` prints and docs/alien.md holds: the table, then every refused call with its reason. */
export function alienCoverageReport(catalog: Catalog): string {
  const refused = refusedCalls(catalog);
  return [
    coverageTable(alienCoverage(catalog)),
    '',
    `The ${refused.length} calls the catalog refuses, by set and cloud, with the reason:`,
    '',
    refusedCallsList(refused),
  ].join('\n');
}
