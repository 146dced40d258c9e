import { alienCalls, callVerdict, type AlienCall } from '../../lib/catalog/alien-calls';
import { builtInCatalog } from '../../lib/catalog/catalog';

/**
 * Every call of Alien's controllers on the management path (lib/catalog/alien-calls, each with
 * its file:line in Alien's source) against the set Alien assigns for it: AWS requests as Alien
 * makes them, with its names and tags, evaluated against the set's statements (allowed for the
 * deployment's prefix, refused for another deployment's); GCP permissions and Azure operations
 * looked up in the set's grants. A call the set does not grant must be refused by it in writing.
 */
const catalog = builtInCatalog();
const where = (c: AlienCall) => `${c.kind}.yaml ${c.cloud} ${c.site} ${c.setId} ${c.permission}`;

test('every census call is granted by the set Alien assigns, or refused by it with a reason', () => {
  const gaps = alienCalls().flatMap((call) => {
    const verdict = callVerdict(call, catalog);
    return verdict.status === 'gap' ? [`${where(call)}: ${verdict.problem}`] : [];
  });
  expect(gaps).toEqual([]);
});

test('the census is evaluated, not skipped: most calls are granted, and refusals are few and written', () => {
  const verdicts = alienCalls().map((call) => callVerdict(call, catalog));
  const granted = verdicts.filter((v) => v.status === 'granted').length;
  expect(granted / verdicts.length).toBeGreaterThan(0.6);
  for (const v of verdicts) if (v.status === 'refused') expect(v.reason.length).toBeGreaterThan(20);
});

describe('the verdict can fail', () => {
  const call = alienCalls().find((c) => c.cloud === 'aws' && c.permission === 'lambda:UpdateFunctionCode')!;

  test("a request on another deployment's function is a gap", () => {
    const verdict = callVerdict({ ...call, request: call.request!.replace(/\$\{prefix\}-api/, 'other-api') }, catalog);
    expect(verdict.status).toBe('gap');
  });

  test('a permission the set does not list is a gap on GCP and Azure', () => {
    expect(callVerdict({ ...call, cloud: 'gcp', permission: 'run.jobs.create' }, catalog).status).toBe('gap');
    expect(callVerdict({ ...call, cloud: 'azure', permission: 'Microsoft.App/containerApps/listSecrets/action' }, catalog).status).toBe(
      'gap',
    );
  });
});
