import type { PermissionSetSpec } from './permission-set-schema';
import { CLOUDS, type Cloud, CLOUD_NAMES } from '../core/variables';
import type { Catalog } from './catalog';

/**
 * docs/catalog.md, the catalog reference, from the catalog itself: one row per set with what it
 * grants on each cloud and its markings, then the reasons a reviewer reads (privileged,
 * outlives revocation, refused calls, clouds without an equivalent). Generated so that it cannot
 * drift from the YAML files; test/catalog/catalog-page.test.ts keeps the committed page equal.
 */
export function catalogPage(catalog: Catalog): string {
  const sets = catalog.sets;
  const privileged = sets.filter((s) => s.privileged);
  const outliving = sets.filter((s) => s.outlivesRevocation);
  const refusing = sets.filter((s) => s.refuses);
  const unsupported = sets.filter((s) => s.unsupported && Object.keys(s.unsupported).length > 0);
  const lines = [
    '# The permission catalog',
    '',
    '<!-- Generated from lib/catalog/sets by lib/catalog/catalog-page.ts; do not edit.',
    '     Regenerate: UPDATE_DOCS=1 npx jest test/catalog/catalog-page.test.ts -->',
    '',
    `${sets.length} built-in permission sets, one YAML file each under \`lib/catalog/sets/<family>/<level>.yaml\` (the schema is in [spec-reference.md](spec-reference.md#a-permission-set)). A spec grants them by id in \`permissions\`; \`npx alien-trust catalog\` lists them and \`catalog --json\` prints each in full. Each set grants the same intent on AWS, GCP and Azure, or says why a cloud has no equivalent. Every set obeys the least-privilege rules ([security-review.md](security-review.md#the-rules-every-permission-set-obeys)); Alien's own ids for them are in [alien.md](alien.md).`,
    '',
    'Per cloud: the number of AWS actions, GCP permissions (with a condition on the prefix, or project-wide) and Azure operations the set grants, or "—" where it has no equivalent. Markings: **privileged** (changes access or hands out credentials), **content** (reads customer content), **outlives revocation** (its effect survives revoking the trust), **refuses** (calls it will not grant, with the reason).',
    '',
    ...table(
      ['set', 'AWS', 'GCP', 'Azure', 'markings', 'what it lets the vendor do'],
      sets.map((s) => [
        `[\`${s.id}\`](../lib/catalog/sets/${s.id}.yaml)`,
        ...CLOUDS.map((c) => grantCell(s, c)),
        markings(s),
        cell(s.description),
      ]),
    ),
    '',
    `## Privileged sets (${privileged.length})`,
    '',
    'Why the vendor needs each; `PERMISSIONS.md` shows the same reason for every privileged set a release grants.',
    '',
    ...privileged.map((s) => `- \`${s.id}\`: ${oneLine(s.privilegedReason ?? '')}`),
    '',
    `## Sets whose effect outlives revocation (${outliving.length})`,
    '',
    "Deleting the vendor's identity does not undo what these leave; a spec grants them only when it lists them in `allowOutlivingRevocation`, and `PERMISSIONS.md` tells the customer how to find and remove what stays.",
    '',
    ...outliving.flatMap((s) => [
      `- \`${s.id}\`: ${oneLine(s.outlivesRevocation!.reason)}`,
      ...CLOUDS.filter((c) => s.outlivesRevocation![c]).map((c) => `  - ${CLOUD_NAMES[c]}: ${oneLine(s.outlivesRevocation![c]!)}`),
    ]),
    '',
    `## Refused calls (${refusing.length} sets)`,
    '',
    "Calls Alien's controllers make under a set's id that the set does not grant, and why.",
    '',
    ...refusing.flatMap((s) =>
      s.refuses!.map((r) => `- \`${s.id}\`: ${r.permissions.map((p) => `\`${p}\``).join(', ')}: ${oneLine(r.reason)}`),
    ),
    '',
    `## No equivalent on a cloud (${unsupported.length} sets)`,
    '',
    ...unsupported.flatMap((s) =>
      CLOUDS.filter((c) => s.unsupported?.[c]).map((c) => `- \`${s.id}\`, ${CLOUD_NAMES[c]}: ${oneLine(s.unsupported![c]!)}`),
    ),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

/** What the set grants on one cloud, counted. */
function grantCell(set: PermissionSetSpec, cloud: Cloud): string {
  if (cloud === 'aws' && set.aws) {
    const actions = new Set(set.aws.flatMap((statement) => statement.actions));
    return plural(actions.size, 'action');
  }
  if (cloud === 'gcp' && set.gcp) {
    const scope = set.gcp.projectWide ? 'project-wide' : set.gcp.condition ? 'on the prefix' : 'unconditioned';
    return `${plural(set.gcp.permissions.length, 'permission')}, ${scope}`;
  }
  if (cloud === 'azure' && set.azure) return plural((set.azure.actions?.length ?? 0) + (set.azure.dataActions?.length ?? 0), 'operation');
  return '—';
}

function markings(set: PermissionSetSpec): string {
  const marks = [
    set.privileged && 'privileged',
    set.contentRead && 'content',
    set.outlivesRevocation && 'outlives revocation',
    set.refuses && 'refuses',
  ];
  return marks.filter(Boolean).join(', ');
}

/** A Markdown table with its columns padded as Prettier prints them, so formatting the docs leaves the page as generated. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((_, c) => Math.max(3, ...[header, ...rows].map((row) => row[c].length)));
  const line = (row: readonly string[]) => `| ${row.map((text, c) => text.padEnd(widths[c])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Free text on one line (YAML block scalars keep their line breaks), shown as written: `*` and `<prefix>` are not Markdown. */
const oneLine = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[*<>]/g, (c) => `\\${c}`);

/** Free text inside a table cell: one line, pipes escaped. */
const cell = (text: string) => oneLine(text).replace(/\|/g, '\\|');
