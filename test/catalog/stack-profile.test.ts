import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { alienManagementSets } from '../../lib/catalog/alien-management-sets';
import { ALIEN_CALLS_DIR, builtInCatalog } from '../../lib/catalog/catalog';
import { lifecyclesOf, profilePicks, stackKinds, type Stack } from '../../lib/catalog/stack-profile';

/** As the spec's `stack` check calls it: Alien registers the id, or the catalog has the set. */
const known = (id: string) => alienManagementSets().ids.includes(id) || builtInCatalog().ids.has(id);
const ids = (stack: Stack) => profilePicks(stack, known).map((p) => p.id);

const app: Stack = {
  heartbeats: true,
  resources: [
    { kind: 'worker', id: 'api', commands: true, triggers: ['uploads'] },
    { kind: 'storage', id: 'uploads' },
    { kind: 'queue', id: 'jobs', lifecycle: 'live' },
    { kind: 'kv', id: 'cache' },
    { kind: 'vault', id: 'secrets' },
  ],
};

describe("Alien's management profile (management_permission_profile.rs)", () => {
  test('a live worker with commands and a frozen bucket trigger, a live queue, frozen kv and vault', () => {
    expect(ids(app)).toEqual([
      'worker/provision',
      'worker/heartbeat',
      'worker/dispatch-command',
      'storage/trigger-management',
      'storage/heartbeat',
      'queue/provision',
      'queue/heartbeat',
      'kv/heartbeat',
      'vault/heartbeat',
    ]);
  });

  test('heartbeats off (Disabled) picks no heartbeat set; a worker without commands no dispatch', () => {
    const quiet = {
      heartbeats: false,
      resources: [
        { kind: 'worker', id: 'api' },
        { kind: 'storage', id: 'data', lifecycle: 'live' as const },
      ],
    };
    expect(ids(quiet)).toEqual(['worker/provision', 'storage/provision']);
  });

  test('a live bucket trigger needs no trigger management: the worker and bucket are both Alien-owned', () => {
    const live = {
      heartbeats: false,
      resources: [
        { kind: 'worker', id: 'api', triggers: ['data'] },
        { kind: 'storage', id: 'data', lifecycle: 'live' as const },
      ],
    };
    expect(ids(live)).not.toContain('storage/trigger-management');
  });

  test('frozen kinds whose ownership needs management get <kind>/management, never provision', () => {
    const stack = {
      heartbeats: true,
      resources: [
        { kind: 'artifact-registry', id: 'images' },
        { kind: 'build', id: 'ci' },
      ],
    };
    expect(ids(stack)).toEqual(['artifact-registry/management', 'artifact-registry/heartbeat', 'build/heartbeat']);
  });

  test('one id for several resources lists each of them', () => {
    const two = {
      heartbeats: false,
      resources: [
        { kind: 'worker', id: 'a' },
        { kind: 'worker', id: 'b' },
      ],
    };
    expect(profilePicks(two, known)).toEqual([{ id: 'worker/provision', resources: [0, 1], rule: 'provision' }]);
  });
});

describe('kinds and lifecycles come from the census profile', () => {
  const doc = parse(readFileSync(join(ALIEN_CALLS_DIR, 'profile.yaml'), 'utf8')) as { kinds: Record<string, { lifecycle: string }> };

  test('every kind of profile.yaml, with its ownership policy', () => {
    expect(Object.keys(stackKinds()).sort()).toEqual(Object.keys(doc.kinds).sort());
    expect(lifecyclesOf('worker')).toEqual(['live']);
    expect(lifecyclesOf('storage')).toEqual(['frozen', 'live']);
    expect(lifecyclesOf('service-account')).toEqual(['frozen']);
  });
});
