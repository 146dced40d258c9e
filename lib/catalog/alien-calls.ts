import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { allows } from '../rules/aws/iam-evaluator';
import { request, statementsFor } from '../rules/aws/requests';
import { CLOUDS, type Cloud } from '../core/variables';
import type { PermissionSetSpec } from './permission-set-schema';
import { ALIEN_CALLS_DIR, type Catalog } from './catalog';
import { refusedReason } from './alien-management-sets';

/** One permission one of Alien's controller calls needs, with its provenance in Alien's source. */
export interface AlienCall {
  readonly kind: string;
  readonly cloud: Cloud;
  readonly call: string;
  readonly permission: string;
  readonly phase: 'provision' | 'heartbeat' | 'management';
  readonly setId: string;
  /** `crates/…/file.rs:line` of the call at the census's Alien commit. */
  readonly site: string;
  readonly resource: string;
  /** AWS: the request as Alien makes it (`<action> on <ARN> with k=v, …`), with Alien's names and tags. */
  readonly request?: string;
  readonly platform?: string;
}

let loaded: AlienCall[] | undefined;

/** Every call of the census, in file order. */
export function alienCalls(): readonly AlienCall[] {
  loaded ??= readdirSync(ALIEN_CALLS_DIR)
    .filter((f) => f.endsWith('.yaml') && f !== 'profile.yaml')
    .sort()
    .flatMap((file) => {
      const doc = parse(readFileSync(join(ALIEN_CALLS_DIR, file), 'utf8')) as Partial<Record<Cloud, Omit<AlienCall, 'kind' | 'cloud'>[]>>;
      return CLOUDS.flatMap((cloud) => (doc[cloud] ?? []).map((c) => ({ ...c, kind: file.replace(/\.yaml$/, ''), cloud })));
    });
  return loaded;
}

/**
 * What the set Alien assigns does with one call: grants it (on the deployment's own resources),
 * refuses it in writing (the set's `refuses`, its `unsupported` reason for the cloud, or the
 * whole id refused), or neither: a gap, with what is wrong.
 */
export type CallVerdict =
  | { readonly status: 'granted' }
  | { readonly status: 'refused'; readonly reason: string }
  | { readonly status: 'gap'; readonly problem: string };

/** The deployment the census's requests are evaluated for, and another one whose resources must stay out of reach. */
const OWN = 'acme';
const OTHER = 'acmeprod';

export function callVerdict(call: AlienCall, catalog: Catalog): CallVerdict {
  const idRefused = refusedReason(call.setId);
  if (idRefused) return { status: 'refused', reason: idRefused };
  const set = catalog.get(call.setId);
  if (!set) return { status: 'gap', problem: `no set "${call.setId}" in the catalog` };
  const refusal = set.refuses?.find((r) => r.permissions.includes(call.permission));
  if (refusal) return { status: 'refused', reason: refusal.reason };
  const unsupported = set.unsupported?.[call.cloud];
  if (unsupported) return { status: 'refused', reason: unsupported };
  return GRANTS[call.cloud](call, set);
}

const granted: CallVerdict = { status: 'granted' };
const notGranted = (call: AlienCall): CallVerdict => ({
  status: 'gap',
  problem: `"${call.setId}" neither grants nor refuses ${call.permission}`,
});

/** Per cloud, whether the set's grants admit the call. */
const GRANTS: Record<Cloud, (call: AlienCall, set: PermissionSetSpec) => CallVerdict> = {
  aws(call, set) {
    if (!call.request) return { status: 'gap', problem: 'the census records no request to evaluate' };
    if (!allows(statementsFor(set, OWN), request(call.request, OWN))) return notGranted(call);
    if (call.request.includes('${prefix}') && allows(statementsFor(set, OWN), request(call.request, OTHER))) {
      return { status: 'gap', problem: `"${call.setId}" grants ${call.permission} on another deployment's resources too` };
    }
    return granted;
  },
  gcp(call, set) {
    const actAs = call.permission === 'iam.serviceAccounts.actAs' && set.gcp?.actAsRuntimeServiceAccounts;
    return actAs || set.gcp?.permissions.includes(call.permission) ? granted : notGranted(call);
  },
  azure(call, set) {
    const wanted = call.permission.toLowerCase();
    const listed = [...(set.azure?.actions ?? []), ...(set.azure?.dataActions ?? [])].map((a) => a.toLowerCase());
    return listed.includes(wanted) ? granted : notGranted(call);
  },
};
