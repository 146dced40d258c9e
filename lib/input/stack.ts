import { z } from 'zod';
import { alienManagementSets, refusedReason } from '../catalog/alien-management-sets';
import { lifecycleOf, lifecyclesOf, profilePicks, stackKinds, type ProfilePick, type Stack } from '../catalog/stack-profile';
import { didYouMean } from '../core/did-you-mean';

/** A stack resource's id, as Alien names resources (it becomes part of cloud names after the prefix). */
const RESOURCE_ID = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * `stack:` in a trust spec: the application's resources, from which synth picks the permission
 * sets Alien's management profile would (lib/catalog/stack-profile.ts), merged with `permissions`.
 * "You define the stack; the tool generates the identity, the trust and the policies."
 */
export const stackSchema = z.strictObject({
  /** Alien's heartbeat checks (Auto or RequiresApproval); `false` is Alien's Disabled. */
  heartbeats: z.boolean().default(true),
  resources: z
    .array(
      z.strictObject({
        kind: z.string().min(1),
        id: z.string().regex(RESOURCE_ID, { error: 'lower-case letters, digits and hyphens, 1–40 characters, starting with a letter' }),
        /** `live`: Alien creates, updates and deletes it; `frozen`: the customer's setup creates it. Default: the kind's default in Alien. */
        lifecycle: z.enum(['live', 'frozen']).optional(),
        /** Workers only: Alien dispatches commands to it. */
        commands: z.boolean().optional(),
        /** Workers only: the stack's buckets whose events trigger it. */
        triggers: z.array(z.string().min(1)).min(1).optional(),
      }),
    )
    .min(1),
});

type Issue = { path: (string | number)[]; message: string };

/**
 * What is wrong with a stack, each problem at its field: unknown kinds, lifecycles Alien does
 * not allow for a kind, repeats, worker-only fields elsewhere, triggers naming no bucket, and
 * ids the profile picks that this tool refuses or does not have.
 */
export function stackIssues(stack: Stack, known: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  const kinds = stackKinds();
  const at = (i: number, ...rest: (string | number)[]) => ['stack', 'resources', i, ...rest];
  const seen = new Set<string>();
  const buckets = new Set(stack.resources.filter((r) => r.kind === 'storage').map((r) => r.id));
  stack.resources.forEach((r, i) => {
    if (!kinds[r.kind]) {
      issues.push({
        path: at(i, 'kind'),
        message: `unknown kind "${r.kind}"${didYouMean(r.kind, Object.keys(kinds))}; Alien's kinds: ${Object.keys(kinds).join(', ')}`,
      });
      return;
    }
    const key = `${r.kind}/${r.id}`;
    if (seen.has(key)) issues.push({ path: at(i, 'id'), message: `${r.kind} "${r.id}" is listed twice` });
    seen.add(key);
    const allowed = lifecyclesOf(r.kind);
    if (r.lifecycle && !allowed.includes(r.lifecycle)) {
      issues.push({
        path: at(i, 'lifecycle'),
        message: `Alien runs every ${r.kind} ${allowed[0]} (${allowed[0] === 'live' ? 'it creates, updates and deletes it' : "the customer's setup creates it"}); remove lifecycle`,
      });
    }
    if (r.kind !== 'worker') {
      for (const field of ['commands', 'triggers'] as const) {
        if (r[field] !== undefined) issues.push({ path: at(i, field), message: `only a worker takes ${field}; remove it` });
      }
    }
    r.triggers?.forEach((bucket, j) => {
      if (!buckets.has(bucket)) {
        issues.push({
          path: at(i, 'triggers', j),
          message: `no storage resource "${bucket}" in the stack${didYouMean(bucket, [...buckets])}; add it or remove the trigger`,
        });
      }
    });
  });
  if (issues.length > 0) return issues;
  for (const pick of picks(stack, known)) {
    const first = at(pick.resources[0]);
    const refused = refusedReason(pick.id);
    if (refused)
      issues.push({ path: first, message: `Alien's profile gives this resource "${pick.id}", which this tool does not grant: ${refused}` });
    else if (!known.has(pick.id)) {
      issues.push({
        path: first,
        message: `Alien's profile gives this resource "${pick.id}", which the catalog does not have yet (npx alien-trust catalog --alien); make it ${lifecycleOf(stack.resources[pick.resources[0]]) === 'live' ? 'frozen' : 'another kind'} or define "${pick.id}" in customPermissionSets`,
      });
    }
  }
  return issues;
}

/** The ids the profile picks: `known` are the sets the spec can grant (catalog and its own). */
export function picks(stack: Stack, known: ReadonlySet<string>): ProfilePick[] {
  const registered = new Set(alienManagementSets().ids);
  return profilePicks(stack, (id) => registered.has(id) || known.has(id));
}
