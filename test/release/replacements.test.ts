import { buildRelease } from '../../lib/release/build-release';
import { formatReplacements, replacements } from '../../lib/release/replacements';
import type { ReleaseFiles } from '../../lib/output/generate';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { parseSpec } from '../../lib/input/load-spec';
import { modelFromText, VALID_SPEC } from '../support/fixtures';

const release = (text: string): ReleaseFiles => buildRelease(modelFromText(text), parseSpec(text, 'spec.yaml', builtInCatalog().ids).spec);
const base = release(VALID_SPEC);

/** The release with one resource's property of the AWS template changed. */
function withAwsChange(files: ReleaseFiles, logicalId: string, property: string, value: unknown): ReleaseFiles {
  const template = JSON.parse(files.get('aws/template.json')!);
  template.Resources[logicalId].Properties[property] = value;
  return new Map([...files, ['aws/template.json', JSON.stringify(template)]]);
}

describe('the upgrade check', () => {
  test('finds nothing between a release and itself, or one that only grants more', () => {
    expect(replacements(base, base)).toEqual([]);
    expect(replacements(base, release(VALID_SPEC.replace('[logs/read]', '[logs/read, vault/data-read]')))).toEqual([]);
    expect(formatReplacements([])).toEqual(['upgrade: in place (nothing is replaced)']);
  });

  test('reports a renamed product: every named resource is replaced, the RoleArn, the email and the identity change', () => {
    const found = replacements(base, release(VALID_SPEC.replace('name: acme-app', 'name: acme-tool')));
    expect(found).toEqual([
      {
        cloud: 'aws',
        resource: 'TrustRole',
        properties: ['RoleName'],
        consequence: 'replaced by a new resource; the RoleArn changes and the vendor must be sent the new one',
      },
      { cloud: 'aws', resource: 'Permissions1', properties: ['ManagedPolicyName'], consequence: 'replaced by a new resource' },
      {
        cloud: 'aws',
        resource: 'aws_iam_policy.permissions_1',
        properties: ['name'],
        consequence: 'the policy is re-created and attached again: the vendor loses these permissions during the apply',
      },
      {
        cloud: 'aws',
        resource: 'aws_iam_role.trust',
        properties: ['name'],
        consequence: 'a new role with a new ARN: the vendor must be sent the new role_arn',
      },
      {
        cloud: 'gcp',
        resource: 'google_service_account.alien',
        properties: ['account_id'],
        consequence: 'a new service account with a new email: the vendor must be sent it',
      },
      {
        cloud: 'azure',
        resource: 'azurerm_user_assigned_identity.alien',
        properties: ['name'],
        consequence: 'a new identity with new client and principal ids: the vendor must be sent them',
      },
    ]);
  });

  test('reports a changed description under the same policy name as an update that fails', () => {
    const found = replacements(base, withAwsChange(base, 'Permissions1', 'Description', 'Reworded'));
    expect(found).toEqual([
      {
        cloud: 'aws',
        resource: 'Permissions1',
        properties: ['Description'],
        consequence: 'the stack update fails: CloudFormation cannot replace a resource with a custom name under the same name',
      },
    ]);
  });

  test('reports a new path under the same role name as a failing update that also changes the RoleArn', () => {
    const [found] = replacements(base, withAwsChange(base, 'TrustRole', 'Path', '/other/'));
    expect(found).toMatchObject({ resource: 'TrustRole', properties: ['Path'] });
    expect(found.consequence).toMatch(/update fails.*RoleArn changes/);
  });

  test('reports a removed role', () => {
    const template = JSON.parse(base.get('aws/template.json')!);
    delete template.Resources.TrustRole;
    const found = replacements(base, new Map([...base, ['aws/template.json', JSON.stringify(template)]]));
    expect(found).toEqual([
      { cloud: 'aws', resource: 'TrustRole', properties: [], consequence: 'removed: the RoleArn the vendor holds stops working' },
    ]);
  });

  test('reports Terraform arguments that force a new resource, by module address', () => {
    const module = JSON.parse(base.get('gcp/module/main.tf.json')!);
    module.resource.google_service_account.alien.account_id = '${var.resource_prefix}-vendor';
    const found = replacements(base, new Map([...base, ['gcp/module/main.tf.json', JSON.stringify(module)]]));
    expect(found).toEqual([
      {
        cloud: 'gcp',
        resource: 'google_service_account.alien',
        properties: ['account_id'],
        consequence: expect.stringContaining('new email'),
      },
    ]);
  });

  test('reports ForceNew arguments of the AWS Terraform: a policy whose description changes is re-created', () => {
    const module = JSON.parse(base.get('aws/module/main.tf.json')!);
    module.resource.aws_iam_policy.permissions_1.description = 'Reworded';
    const found = replacements(base, new Map([...base, ['aws/module/main.tf.json', JSON.stringify(module)]]));
    expect(found).toEqual([
      {
        cloud: 'aws',
        resource: 'aws_iam_policy.permissions_1',
        properties: ['description'],
        consequence: expect.stringContaining('re-created'),
      },
    ]);
  });

  test('compares a single-file release with a module release by address', () => {
    const legacy: ReleaseFiles = new Map([...base].filter(([path]) => !path.includes('/module/')));
    legacy.set('gcp/main.tf.json', base.get('gcp/module/main.tf.json')!);
    expect(replacements(legacy, base)).toEqual([]);
  });
});
