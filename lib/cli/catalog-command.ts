import { alienCoverageReport } from '../catalog/alien-coverage';
import { builtInCatalog } from '../catalog/catalog';
import type { PermissionSetSpec } from '../catalog/permission-set-schema';
import { CLOUDS } from '../core/variables';
import { defineCommand, type OptionValues } from './command';
import type { Io } from './io';

const OPTIONS = [
  { name: 'json', description: 'Print every set with all its grants, as a JSON array in the catalog schema.' },
  { name: 'alien', description: "Print which of Alien's management permission-set ids the catalog covers, per cloud, instead." },
] as const;

export const catalog = defineCommand({
  name: 'catalog',
  summary: 'The built-in permission sets: id, clouds and description.',
  description: ['Privileged sets (they change access or hand out credentials) are marked !, sets that read customer content c.'],
  options: OPTIONS,
  handler: catalogCommand,
});

/**
 * `alien-trust catalog`: the built-in permission sets, as a table (id, clouds, description;
 * privileged sets marked with `!`, content reads with `c`) or, with `--json`, as a JSON array in the catalog schema.
 */
function catalogCommand(options: OptionValues<typeof OPTIONS>, io: Io): number {
  if (options.alien) {
    io.out(alienCoverageReport(builtInCatalog()));
    return 0;
  }
  const sets = builtInCatalog().sets;
  if (options.json) {
    io.out(JSON.stringify(sets, null, 2));
    return 0;
  }
  const marks = (s: PermissionSetSpec) => `${s.privileged ? ' !' : ''}${s.contentRead ? ' c' : ''}`;
  const rows = [['ID', 'CLOUDS', 'DESCRIPTION'], ...sets.map((s) => [`${s.id}${marks(s)}`, clouds(s), s.description])];
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) io.out(`${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`.trimEnd());
  io.out(
    `\n${sets.length} sets. ! = privileged: changes access or hands out credentials (see privilegedReason in --json); c = reads customer content.`,
  );
  return 0;
}

function clouds(set: PermissionSetSpec): string {
  return CLOUDS.filter((c) => set[c] !== undefined).join(',');
}
