import fc from 'fast-check';
import { stringify } from 'yaml';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { readList } from '../../lib/lists/list-file';
import { supportsResourceConditions } from '../../lib/rules/gcp/condition-support';
import { AWS_SENSITIVE_ACTIONS } from '../../lib/rules/aws/sensitive-actions';
import { contentReads } from '../../lib/rules/content-reads';
import type { PermissionSetSpec } from '../../lib/catalog/permission-set-schema';
import { AZURE_SENSITIVE_OPERATIONS } from '../../lib/rules/azure/sensitive-operations';
import { GCP_SENSITIVE_PERMISSIONS } from '../../lib/rules/gcp/sensitive-permissions';
import type { Sensitive } from '../../lib/rules/sensitive';
import { outlivingGrants } from '../../lib/rules/common/outlives-revocation';
import { AZURE_OPERATION, GCP_PERMISSION } from '../../lib/catalog/permission-set-schema';
import { SPEC_NAME } from '../../lib/input/trust-spec-schema';

/**
 * Generators of valid trust specs for property tests: names and versions within the rules,
 * subsets of the catalog, and inline permission sets drawn from the clouds' real lists.
 */

const catalog = builtInCatalog();
const harmless = (list: readonly Sensitive[]) => (op: string) => !list.some((s) => s.pattern.test(op));

/**
 * AWS statements of the catalog (real actions with resources of their types), minus privileged
 * ones, and minus actions a set grants in several statements (each covering one of the action's
 * resource types), since such a statement is not complete on its own.
 */
const AWS_STATEMENTS = catalog.sets
  .flatMap((set) => (set.aws ?? []).map((st) => ({ st, others: (set.aws ?? []).filter((o) => o !== st) })))
  .map(({ st, others }) => ({
    ...st,
    actions: st.actions.filter((a) => harmless(AWS_SENSITIVE_ACTIONS)(a) && !others.some((o) => o.actions.includes(a))),
  }))
  .filter((st) => st.actions.length > 0);

/** GCP permissions from the predefined roles whose services ignore IAM conditions. */
const GCP_PERMISSIONS = readList('gcp-permissions.txt').filter(
  (p) => GCP_PERMISSION.test(p) && !supportsResourceConditions(p) && harmless(GCP_SENSITIVE_PERMISSIONS)(p),
);

const azureOperations = (file: string) =>
  readList(file).filter((op) => !op.includes('*') && AZURE_OPERATION.test(op) && harmless(AZURE_SENSITIVE_OPERATIONS)(op));
const AZURE_ACTIONS = azureOperations('azure-role-actions.txt');
const AZURE_DATA_ACTIONS = azureOperations('azure-role-data-actions.txt');

/** Text of any kind: odd Unicode, and the `${`/`%{` sequences Terraform would evaluate. */
export const anyText = (maxLength: number) =>
  fc
    .tuple(fc.string({ unit: 'grapheme', maxLength: maxLength - 8 }), fc.constantFrom('', '${x}', '%{y}', '$${', '%%{', '`'))
    .map(([text, tail]) => `${text}${tail}`.trim() || 'x');

const inlineSet = (index: number) =>
  fc
    .record({
      id: fc.constant(`custom${index}/set`),
      description: anyText(200),
      aws: fc.subarray(AWS_STATEMENTS, { minLength: 1, maxLength: 3 }),
      gcp: fc.record({
        projectWide: fc.constant('Generated: these services ignore IAM conditions.'),
        permissions: fc.uniqueArray(fc.constantFrom(...GCP_PERMISSIONS), { minLength: 1, maxLength: 8 }),
      }),
      azure: fc
        .record({
          actions: fc.uniqueArray(fc.constantFrom(...AZURE_ACTIONS), { minLength: 1, maxLength: 5 }),
          dataActions: fc.uniqueArray(fc.constantFrom(...AZURE_DATA_ACTIONS), { maxLength: 3 }),
        })
        .map((a) => (a.dataActions.length === 0 ? { actions: a.actions } : a)),
    })
    .map((set) => (contentReads(set as PermissionSetSpec).length > 0 ? { ...set, contentRead: true as const } : set))
    // A generated set that leaves something revoking does not undo says so, as the rule requires.
    .map((set) =>
      outlivingGrants(set as PermissionSetSpec).length > 0
        ? { ...set, outlivesRevocation: { reason: 'Generated.', aws: 'Find it.', gcp: 'Find it.', azure: 'Find it.' } }
        : set,
    );

export const validSpec = fc
  .record({
    name: fc.stringMatching(SPEC_NAME),
    version: fc
      .tuple(fc.nat(99), fc.nat(99), fc.nat(99), fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/)))
      .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}`),
    description: fc.option(anyText(300), { nil: undefined }),
    managingIdentity: fc.record({
      aws: fc.record({
        roleArn: fc
          .tuple(fc.constant('aws'), fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^[\w+=,.@-]{1,64}$/))
          .map(([p, a, n]) => `arn:${p}:iam::${a}:role/${n}`),
      }),
      gcp: fc.record({
        serviceAccount: fc
          .tuple(fc.stringMatching(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/), fc.stringMatching(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/))
          .map(([a, p]) => `${a}@${p}.iam.gserviceaccount.com`),
      }),
      azure: fc.record({
        issuer: fc.stringMatching(/^[a-z][a-z0-9-]{0,30}\.[a-z]{2,6}(\/[a-z0-9-]{1,10}){0,3}$/).map((host) => `https://${host}`),
        subject: anyText(600),
        audience: anyText(600),
      }),
    }),
    clouds: fc.subarray(['aws', 'gcp', 'azure'], { minLength: 1 }),
    builtIn: fc.subarray(
      catalog.sets.map((s) => s.id),
      { maxLength: 12 },
    ),
    custom: fc.integer({ min: 0, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => inlineSet(i)))),
    maxSessionDuration: fc.integer({ min: 3600, max: 43200 }),
  })
  .filter((s) => s.builtIn.length + s.custom.length > 0)
  // Every chosen cloud needs a set that grants there (inline sets grant on all three).
  .filter((s) => s.custom.length > 0 || s.clouds.every((c) => s.builtIn.some((id) => catalog.get(id)![c as 'aws' | 'gcp' | 'azure'])))
  .map(({ builtIn, custom, maxSessionDuration, ...rest }) => ({
    ...rest,
    permissions: [...builtIn, ...custom.map((c) => c.id)],
    customPermissionSets: custom,
    // Sets whose grants outlast revocation are granted only when the spec opts in, set by set.
    ...(() => {
      const outliving = [
        ...builtIn.filter((id) => catalog.get(id)!.outlivesRevocation),
        ...custom.filter((c) => 'outlivesRevocation' in c).map((c) => c.id),
      ];
      return outliving.length > 0 ? { allowOutlivingRevocation: outliving } : {};
    })(),
    // A set that assigns Azure roles needs the workload identities and the roles they may get.
    ...(builtIn.some((id) => catalog.get(id)!.azure?.actions?.includes('Microsoft.Authorization/roleAssignments/write')) && {
      workloadIdentities: {
        identities: [{ name: 'api', services: ['lambda'] }],
        permissions: ['logs/read'],
        azureRoles: ['Storage Blob Data Reader'],
      },
    }),
    aws: { maxSessionDuration },
  }));

/** YAML text for a spec object, as a person might write it. */
export function specText(spec: object): string {
  return stringify(spec, { lineWidth: 0 });
}
