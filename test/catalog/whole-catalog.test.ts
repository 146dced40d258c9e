import { AWS_LIMITS, mergeStatements, packPolicies, policySize } from '../../lib/aws/permission-policies';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { generateTemplates } from '../../lib/output/generate';
import { GCP_MAX_ROLE_PERMISSIONS } from '../../lib/catalog/permission-set-schema';
import { modelFromText, wholeCatalogSpec } from '../support/fixtures';

/** A spec granting every built-in set at once must still deploy on every cloud. */
const model = modelFromText(wholeCatalogSpec());

describe('a spec granting the whole catalog', () => {
  test('packs its AWS statements into at most 10 policies of at most 6,144 characters', () => {
    const policies = packPolicies(mergeStatements(model.permissionSets));
    expect(policies.length).toBeLessThanOrEqual(AWS_LIMITS.policiesPerRole);
    for (const policy of policies) expect(policySize(policy)).toBeLessThanOrEqual(AWS_LIMITS.policyCharacters);
  });

  test('keeps every GCP custom role within 3,000 permissions', () => {
    for (const set of model.permissionSets) expect(set.gcp?.permissions.length ?? 0).toBeLessThanOrEqual(GCP_MAX_ROLE_PERMISSIONS);
  });

  test('synthesizes on every cloud, with one GCP role per set (and per workload set) and the Azure role and attach role', () => {
    const files = generateTemplates(model);
    const aws = JSON.parse(files.get('aws/template.json')!);
    const policies = Object.values<any>(aws.Resources).filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
    expect(policies.length).toBeGreaterThanOrEqual(1);
    const gcp = JSON.parse(files.get('gcp/module/main.tf.json')!);
    const workloadSets = model.workloadIdentities!.permissionSets.filter((s) => s.gcp).length;
    expect(Object.keys(gcp.resource.google_project_iam_custom_role)).toHaveLength(
      builtInCatalog().sets.filter((s) => s.gcp).length + workloadSets,
    );
    const azure = JSON.parse(files.get('azure/module/main.tf.json')!);
    // The group role, and the role that attaches only the workload identities (assigned at each).
    expect(Object.keys(azure.resource.azurerm_role_definition).sort()).toEqual(['alien_attach_role', 'alien_role']);
  });
});
