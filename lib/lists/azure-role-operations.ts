import { readList } from './list-file';

export type AzureOperationKind = 'actions' | 'dataActions';

interface CompiledList {
  readonly exact: ReadonlySet<string>;
  readonly patterns: readonly RegExp[];
}

const FILES: Record<AzureOperationKind, string> = { actions: 'azure-role-actions.txt', dataActions: 'azure-role-data-actions.txt' };
const compiled: Partial<Record<AzureOperationKind, CompiledList>> = {};

/**
 * The kinds an operation of Azure's built-in roles can be. A kind that lists it exactly wins
 * (`containers/*` among the actions would otherwise take in the data action
 * `containers/blobs/read`); else every kind with a pattern covering it. Empty when unknown.
 */
export function azureOperationKinds(operation: string): AzureOperationKind[] {
  const kinds = ['actions', 'dataActions'] as const;
  const exact = kinds.filter((k) => list(k).exact.has(operation.toLowerCase()));
  return exact.length > 0 ? exact : kinds.filter((k) => list(k).patterns.some((p) => p.test(operation)));
}

/** The exact operations of the same provider namespace, lower-cased, for a suggestion. */
export function azureOperationsOfNamespace(operation: string, kind: AzureOperationKind): string[] {
  const namespace = `${operation.split('/')[0].toLowerCase()}/`;
  return [...list(kind).exact].filter((op) => op.startsWith(namespace));
}

/**
 * Control-plane operations that no built-in role names on its own (Contributor's `*` covers
 * them) but the providers' operation lists do; see data/README.md for their source.
 */
const PROVIDER_ACTIONS = 'azure-provider-operations.txt';

function list(kind: AzureOperationKind): CompiledList {
  return (compiled[kind] ??= compile([...readList(FILES[kind]), ...(kind === 'actions' ? readList(PROVIDER_ACTIONS) : [])]));
}

/**
 * Operations are matched without regard to case, as Azure does. A pattern whose `*` is in the
 * provider namespace (`*`, `* /read`) would cover anything, so such patterns are left out.
 */
function compile(operations: string[]): CompiledList {
  const namespaced = operations.filter((op) => !op.split('/')[0].includes('*'));
  return {
    exact: new Set(namespaced.filter((op) => !op.includes('*')).map((op) => op.toLowerCase())),
    patterns: namespaced.filter((op) => op.includes('*')).map(patternRegex),
  };
}

function patternRegex(pattern: string): RegExp {
  const literal = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${pattern.split('*').map(literal).join('.*')}$`, 'i');
}
