import { readList } from './list-file';

export type AzureOperationKind = 'actions' | 'dataActions';

interface CompiledList {
  /** Lower-cased name → the name as Azure writes it. */
  readonly exact: ReadonlyMap<string, string>;
  readonly patterns: readonly RegExp[];
}

const FILES: Record<AzureOperationKind, string> = { actions: 'azure-role-actions.txt', dataActions: 'azure-role-data-actions.txt' };
const compiled: Partial<Record<AzureOperationKind, CompiledList>> = {};
const KINDS = ['actions', 'dataActions'] as const;

/** How the lists know an operation, without regard to case. */
export interface AzureOperationKnowledge {
  /** The kinds whose lists name it exactly. */
  readonly listed: AzureOperationKind[];
  /** The kinds with a pattern covering it (`queues/*` covers a misspelled `queues/raed` too). */
  readonly covered: AzureOperationKind[];
}

/**
 * The kinds an operation of Azure's built-in roles can be: those that list it exactly, and those
 * that cover it with a pattern. An exact name is the stronger evidence (`containers/*` among
 * the actions also covers the data action `containers/blobs/read`).
 */
export function azureOperationKnowledge(operation: string): AzureOperationKnowledge {
  const name = operation.toLowerCase();
  return {
    listed: KINDS.filter((k) => list(k).exact.has(name)),
    covered: KINDS.filter((k) => list(k).patterns.some((p) => p.test(operation))),
  };
}

/** The exact operations of one kind in the same provider namespace, as Azure writes them, for a suggestion. */
export function azureOperationsOfNamespace(operation: string, kind: AzureOperationKind): string[] {
  const namespace = `${operation.split('/')[0].toLowerCase()}/`;
  return [...list(kind).exact].filter(([lower]) => lower.startsWith(namespace)).map(([, name]) => name);
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
    exact: new Map(namespaced.filter((op) => !op.includes('*')).map((op) => [op.toLowerCase(), op])),
    patterns: namespaced.filter((op) => op.includes('*')).map(patternRegex),
  };
}

function patternRegex(pattern: string): RegExp {
  const literal = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${pattern.split('*').map(literal).join('.*')}$`, 'i');
}
