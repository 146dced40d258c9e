import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alienCoverage, alienCoverageReport } from '../../lib/catalog/alien-coverage';
import { alienManagementSets } from '../../lib/catalog/alien-management-sets';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { listProblems } from '../../lib/lists/list-problems';
import { privilegedGrants } from '../../lib/rules/sensitive';
import { parseSpec } from '../../lib/input/load-spec';
import { CLOUDS } from '../../lib/core/variables';
import { fixturePath } from '../support/fixtures';

const catalog = builtInCatalog();
const sets = catalog.sets;
const each = sets.map((s) => [s.id, s] as const);

describe('the built-in catalog', () => {
  test('holds the permission sets the foundation promises, and at least 30 in all', () => {
    for (const id of [
      'code/update',
      'logs/read',
      'health/monitor',
      'commands/run',
      'storage/data-read',
      'storage/data-write',
      'queue/data-read',
      'queue/data-write',
      'kv/data-read',
      'kv/data-write',
      'vault/data-read',
    ]) {
      expect(catalog.get(id)?.id).toBe(id);
    }
    expect(sets.length).toBeGreaterThanOrEqual(30);
  });

  test('covers every family a typical application needs', () => {
    const families = new Set(sets.map((s) => s.id.split('/')[0]));
    for (const family of [
      'storage',
      'queue',
      'kv',
      'vault',
      'functions',
      'containers',
      'build',
      'artifacts',
      'logs',
      'health',
      'metrics',
      'network',
      'database',
    ]) {
      expect([family, families.has(family)]).toEqual([family, true]);
    }
  });

  test('grants on every cloud or says why not', () => {
    for (const set of sets)
      for (const cloud of CLOUDS) expect([set.id, cloud, Boolean(set[cloud] ?? set.unsupported?.[cloud])]).toEqual([set.id, cloud, true]);
  });

  test.each(each)("%s: every action is on its cloud's list, every ARN fits its actions", async (_, set) => {
    expect(await listProblems(set)).toEqual([]);
  });

  test.each(each)('%s: describes what the vendor can do in one sentence', (_, set) => {
    expect(set.description).toMatch(/^[A-Z][^]*\.$/);
    expect(set.description.slice(0, -1)).not.toMatch(/\.\s/);
    expect(set.description.length).toBeLessThanOrEqual(160);
  });

  test('marks exactly the sets with privileged grants as privileged, each with a reason', () => {
    for (const set of sets) {
      expect([set.id, Boolean(set.privileged), Boolean(set.privilegedReason)]).toEqual([
        set.id,
        privilegedGrants(set).length > 0,
        privilegedGrants(set).length > 0,
      ]);
    }
  });

  test('grants no IAM, role or policy mutation and no token creation outside privileged sets', () => {
    const forbidden =
      /^(iam|sts):|setIamPolicy|^Microsoft\.Authorization\/.*\/(write|delete)$|getAccessToken|signBlob|signJwt|serviceAccountKeys|listKeys/i;
    const grants = sets
      .filter((s) => !s.privileged)
      .flatMap((s) => [
        ...(s.aws ?? []).flatMap((st) => st.actions),
        ...(s.gcp?.permissions ?? []),
        ...(s.azure?.actions ?? []),
        ...(s.azure?.dataActions ?? []),
      ]);
    expect(grants.filter((g) => forbidden.test(g) && !/^iam:(Get|List)/.test(g))).toEqual([]);
  });

  test('scopes every AWS ARN to the prefix, by name or by a tag condition, but the models and images AWS owns', () => {
    const unscoped: string[] = [];
    for (const set of sets) {
      for (const statement of set.aws ?? []) {
        const byCondition = JSON.stringify(statement.conditions ?? {}).includes('${prefix}');
        unscoped.push(
          ...statement.resources.filter((r) => r !== '*' && !byCondition && !r.includes('${prefix}')).map((r) => `${set.id} ${r}`),
        );
      }
    }
    expect(unscoped).toEqual([
      'ai/invoke arn:${partition}:bedrock:${region}::foundation-model/*',
      'ai/invoke arn:${partition}:bedrock:${region}:${account}:inference-profile/*',
      // Held to Amazon-published images by ec2:Owner (lib/rules/aws/prefix-scope.ts).
      'compute-cluster/management arn:${partition}:ec2:${region}::image/*',
      'compute-cluster/provision arn:${partition}:ec2:${region}::image/*',
    ]);
  });

  test('scopes every GCP grant by a condition on the prefix, or says why it is project-wide', () => {
    for (const set of sets.filter((s) => s.gcp)) {
      expect([set.id, set.gcp!.condition?.expression.includes('${prefix}') ?? Boolean(set.gcp!.projectWide)]).toEqual([set.id, true]);
    }
  });
});

describe('content reads', () => {
  test('are marked on exactly the sets that read object bodies, secret values, items or messages', () => {
    const marked = builtInCatalog()
      .sets.filter((s) => s.contentRead)
      .map((s) => s.id);
    expect(marked).toEqual(['kv/data-read', 'queue/data-read', 'storage/data-read', 'vault/data-read']);
  });
});

describe("Alien's management permission sets", () => {
  test('the docs/alien.md table is exactly what `catalog --alien` prints from the catalog', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'docs', 'alien.md'), 'utf8');
    const block = /<!-- alien-coverage:start -->\n([^]*?)\n<!-- alien-coverage:end -->/.exec(readme)![1];
    expect(block).toBe(alienCoverageReport(builtInCatalog()));
  });

  test("every refused id is one of Alien's and not in the catalog, and a spec that names one is told why", () => {
    const { ids, refused } = alienManagementSets();
    for (const id of Object.keys(refused)) {
      expect(ids).toContain(id);
      expect(builtInCatalog().get(id)).toBeUndefined();
    }
    const spec = readFileSync(fixturePath('per-customer'), 'utf8').replace(
      '  - code/update\n',
      '  - code/update\n  - remote-stack-management/provision\n',
    );
    expect(() => parseSpec(spec, 'spec.yaml', builtInCatalog().ids)).toThrow(
      /permissions\[1\]: "remote-stack-management\/provision" is not granted by this tool: It lets the vendor create and change its own management role/,
    );
  });

  test('the ids the catalog has are granted on every cloud Alien manages them on, or say why not', () => {
    for (const row of alienCoverage(builtInCatalog()).filter((r) => r.clouds.aws !== 'not yet' && r.clouds.aws !== 'refused')) {
      const set = builtInCatalog().get(row.id)!;
      for (const cloud of CLOUDS)
        expect([row.id, cloud, Boolean(set[cloud]) || Boolean(set.unsupported?.[cloud])]).toEqual([row.id, cloud, true]);
    }
  });
});
