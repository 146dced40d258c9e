import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ALIEN_CALLS_DIR } from './catalog';

/**
 * Alien's management profile as a pure function: from a stack's resources to the permission-set
 * ids Alien's control plane gives the deployment's management identity. The rules follow
 * `crates/alien-preflights/src/mutations/management_permission_profile.rs` at the census's commit
 * (lib/catalog/alien-calls/profile.yaml, each rule with its line there); each kind's ownership
 * policy is read from that file's `kinds`, so the data has one home.
 */

/** Ownership policies of `crates/alien-core/src/ownership.rs`, as profile.yaml writes them. */
export type Lifecycle = 'live' | 'user choice' | 'frozen' | 'frozen with management' | 'frozen with runtime cleanup';

/** A resource of the application's stack, as the spec's `stack.resources` gives it. */
export interface StackResource {
  readonly kind: string;
  readonly id: string;
  /** `live`: Alien creates, updates and deletes it. `frozen`: the customer's setup creates it; Alien only checks it. */
  readonly lifecycle?: 'live' | 'frozen';
  /** Workers: Alien dispatches commands to it (`worker/dispatch-command`). */
  readonly commands?: boolean;
  /** Workers: ids of the stack's buckets whose events trigger it. */
  readonly triggers?: readonly string[];
}

export interface Stack {
  /** Alien's heartbeat mode is Auto or RequiresApproval (the default) rather than Disabled. */
  readonly heartbeats: boolean;
  readonly resources: readonly StackResource[];
}

/** One id the profile picks, and the resources it is picked for (for the review and errors). */
export interface ProfilePick {
  readonly id: string;
  /** Indexes into `stack.resources`. */
  readonly resources: readonly number[];
  /** Which of Alien's rules picked it: `provision`, `management`, `heartbeat`, `dispatch-command`, `trigger-management`. */
  readonly rule: string;
}

let kinds: Readonly<Record<string, Lifecycle>> | undefined;

/** Every kind Alien's profile knows, with its ownership policy (profile.yaml `kinds`). */
export function stackKinds(): Readonly<Record<string, Lifecycle>> {
  if (!kinds) {
    const doc = parse(readFileSync(join(ALIEN_CALLS_DIR, 'profile.yaml'), 'utf8')) as { kinds: Record<string, { lifecycle: Lifecycle }> };
    kinds = Object.fromEntries(Object.entries(doc.kinds).map(([kind, k]) => [kind, k.lifecycle]));
  }
  return kinds;
}

/** Which lifecycles a kind admits, the first being Alien's default for it. */
export function lifecyclesOf(kind: string): readonly ('live' | 'frozen')[] {
  const policy = stackKinds()[kind];
  if (policy === 'live') return ['live'];
  if (policy === 'user choice') return ['frozen', 'live'];
  return ['frozen'];
}

/** A resource's lifecycle: the one it gives, or its kind's default. */
export function lifecycleOf(resource: StackResource): 'live' | 'frozen' {
  return resource.lifecycle ?? lifecyclesOf(resource.kind)[0];
}

/**
 * The ids Alien's profile assigns for a valid stack (kinds known, lifecycles admitted), in a
 * stable order: by resource, then rule. Alien's ids with no set in Alien's own registry (every
 * `<kind>/telemetry`, `key/heartbeat`, `remote-stack-management/heartbeat`) are kept: Alien's
 * manager still makes their calls (lib/catalog/alien-calls marks them `unregistered`), so the
 * catalog grants them where it has the set. `known`: Alien registers the id or the catalog has
 * a set for it; an unknown heartbeat id is one neither side has, and is left out as Alien does.
 */
export function profilePicks(stack: Stack, known: (id: string) => boolean): ProfilePick[] {
  const picks = new Map<string, { resources: number[]; rule: string }>();
  const pick = (id: string, index: number, rule: string) => {
    const entry = picks.get(id) ?? { resources: [], rule };
    entry.resources.push(index);
    picks.set(id, entry);
  };
  const frozenBuckets = new Set(stack.resources.filter((r) => r.kind === 'storage' && lifecycleOf(r) === 'frozen').map((r) => r.id));
  stack.resources.forEach((resource, i) => {
    const policy = stackKinds()[resource.kind];
    // management_permission_profile.rs:147: a Live resource gets <kind>/provision, for create, update and delete.
    if (lifecycleOf(resource) === 'live') pick(`${resource.kind}/provision`, i, 'provision');
    // :150 and :155: Frozen kinds whose ownership policy needs management (the key's scoped to it).
    else if (policy === 'frozen with management' || policy === 'frozen with runtime cleanup')
      pick(`${resource.kind}/management`, i, 'management');
    // :385: heartbeats, when enabled, for every resource, Live or Frozen.
    if (stack.heartbeats && known(`${resource.kind}/heartbeat`)) pick(`${resource.kind}/heartbeat`, i, 'heartbeat');
    // :201: a worker with commands enabled on AWS, GCP or Azure.
    if (resource.kind === 'worker' && resource.commands) pick('worker/dispatch-command', i, 'dispatch-command');
    // :313: a Live worker triggered by a Frozen bucket may manage that bucket's notifications.
    if (resource.kind === 'worker' && lifecycleOf(resource) === 'live' && resource.triggers?.some((b) => frozenBuckets.has(b))) {
      pick('storage/trigger-management', i, 'trigger-management');
    }
  });
  return [...picks].map(([id, { resources, rule }]) => ({ id, resources, rule }));
}
