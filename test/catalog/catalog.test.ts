import { builtInCatalog } from '../../lib/catalog/catalog';
import { CLOUDS } from '../../lib/spec/variables';
import { awsActionExists, awsResourceProblems, azureOperationKnown, gcpPermissionExists } from '../support/cloud-lists';

const catalog = builtInCatalog();
const sets = catalog.sets;

describe('the built-in catalog', () => {
  test('holds the permission sets the foundation promises', () => {
    for (const id of ['code/update', 'logs/read', 'health/monitor', 'commands/run', 'storage/data-read', 'storage/data-write', 'queue/data-read', 'queue/data-write', 'kv/data-read', 'kv/data-write', 'vault/data-read']) {
      expect(catalog.get(id)?.id).toBe(id);
    }
  });

  test('grants on every cloud or says why not', () => {
    for (const set of sets) for (const cloud of CLOUDS) expect([set.id, cloud, Boolean(set[cloud] ?? set.unsupported?.[cloud])]).toEqual([set.id, cloud, true]);
  });

  test.each(sets.map((s) => [s.id, s] as const))('%s: every AWS action exists and every ARN fits its actions', async (_, set) => {
    const problems: string[] = [];
    for (const statement of set.aws ?? []) {
      for (const action of statement.actions) {
        if (!(await awsActionExists(action))) problems.push(`${action} does not exist`);
        else problems.push(...(await awsResourceProblems(action, statement.resources)));
      }
    }
    expect(problems).toEqual([]);
  });

  test.each(sets.map((s) => [s.id, s] as const))('%s: every GCP permission exists', (_, set) => {
    expect((set.gcp?.permissions ?? []).filter((p) => !gcpPermissionExists(p))).toEqual([]);
  });

  test.each(sets.map((s) => [s.id, s] as const))('%s: every Azure operation is known, data actions only under dataActions', (_, set) => {
    expect((set.azure?.actions ?? []).filter((op) => !azureOperationKnown(op, 'actions'))).toEqual([]);
    expect((set.azure?.dataActions ?? []).filter((op) => !azureOperationKnown(op, 'dataActions'))).toEqual([]);
  });

  test('scopes every AWS ARN to the prefix', () => {
    const arns = sets.flatMap((s) => s.aws ?? []).flatMap((st) => st.resources).filter((r) => r !== '*');
    for (const arn of arns) expect(arn).toContain('${prefix}-');
  });
});

describe('the list checks themselves', () => {
  test('reject a misspelled action, permission and operation', async () => {
    expect(await awsActionExists('s3:GetObjekt')).toBe(false);
    expect(gcpPermissionExists('storage.objects.gett')).toBe(false);
    expect(azureOperationKnown('Microsoft.Storaeg/storageAccounts/read', 'actions')).toBe(false);
  });

  test('reject an ARN of the wrong resource type and "*" where a type is required', async () => {
    expect(await awsResourceProblems('s3:GetObject', ['arn:${partition}:s3:::${prefix}-*'])).toHaveLength(1);
    expect(await awsResourceProblems('lambda:InvokeFunction', ['*'])).toHaveLength(1);
    expect(await awsResourceProblems('ecr:GetAuthorizationToken', ['*'])).toEqual([]);
  });

  test('accept an Azure operation covered by a pattern in the same namespace only', () => {
    expect(azureOperationKnown('Microsoft.App/jobs/start/action', 'actions')).toBe(true);
    expect(azureOperationKnown('Contoso.Made/up/read', 'actions')).toBe(false);
  });
});
