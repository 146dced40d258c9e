import { builtInCatalog } from '../../lib/catalog/catalog';
import { CLOUDS } from '../../lib/core/variables';
import { request, statementsFor } from '../../lib/rules/aws/requests';
import { allows } from '../../lib/rules/aws/iam-evaluator';

/**
 * Every built-in set lists the critical calls it exists for, and its grants allow each of them:
 * on AWS each request (action, resource, condition context) is allowed by the set's own
 * statements, and the same request on another deployment's resources is refused; on GCP and
 * Azure every permission or operation the call needs is granted.
 */
const sets = builtInCatalog().sets;
describe.each(sets.map((s) => [s.id, s] as const))('%s', (_, set) => {
  test('lists its critical calls, for every cloud it supports', () => {
    // A set that grants on no cloud (a daemon on Local or Kubernetes) makes no cloud call.
    if (CLOUDS.some((c) => set[c])) expect(set.operations?.length ?? 0).toBeGreaterThan(0);
    for (const cloud of CLOUDS.filter((c) => set[c])) {
      expect([cloud, set.operations!.some((o) => o[cloud])]).toEqual([cloud, true]);
    }
  });

  test("AWS: allows each request on the deployment's resources, and refuses it on another deployment's", () => {
    const own = statementsFor(set, 'acme');
    for (const op of set.operations ?? []) {
      for (const text of op.aws ?? []) {
        expect([op.does, text, allows(own, request(text, 'acme'))]).toEqual([op.does, text, true]);
        // The same call made by deployment "acme" on "acmeprod"'s resources.
        if (text.includes('${prefix}')) expect([op.does, text, allows(own, request(text, 'acmeprod'))]).toEqual([op.does, text, false]);
      }
    }
  });

  test('GCP and Azure: grant every permission and operation of each call', () => {
    const gcp = new Set([...(set.gcp?.permissions ?? []), ...(set.gcp?.actAsRuntimeServiceAccounts ? ['iam.serviceAccounts.actAs'] : [])]);
    const azure = new Set([...(set.azure?.actions ?? []), ...(set.azure?.dataActions ?? [])]);
    for (const op of set.operations ?? []) {
      for (const p of op.gcp ?? []) expect([op.does, p, gcp.has(p)]).toEqual([op.does, p, true]);
      for (const o of op.azure ?? []) expect([op.does, o, azure.has(o)]).toEqual([op.does, o, true]);
    }
  });
});
