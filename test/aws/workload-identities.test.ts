import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTemplates } from '../../lib/output/generate';
import { permissionsReview } from '../../lib/review/permissions-review';
import { workloadIdentitiesAreBounded } from '../../lib/rules/common/workload-identities';
import { modelFromText, VALID_SPEC } from '../support/fixtures';
import { run } from '../support/run-cli';

/** The example's shape, granting identity creation, bounded by two data-writing sets. */
const WORKLOAD =
  'workloadIdentities: { permissions: [storage/data-write, queue/data-write], azureRoles: [Storage Blob Data Contributor] }\n';
const spec = `${VALID_SPEC.replace('[logs/read]', '[logs/read, service-account/provision]')}${WORKLOAD}`;
const files = generateTemplates(modelFromText(spec));
const aws = JSON.parse(files.get('aws/template.json')!);

describe('identities the vendor creates, on AWS', () => {
  test('the stack creates their permissions boundary from workloadIdentities, attached to nothing, under its own path', () => {
    const boundary = aws.Resources.WorkloadBoundary;
    expect(boundary.Type).toBe('AWS::IAM::ManagedPolicy');
    expect(boundary.Properties).toMatchObject({
      ManagedPolicyName: { 'Fn::Sub': '${ResourcePrefix}-acme-app-${AWS::Region}-boundary' },
      Path: '/alientrust/',
    });
    expect(boundary.Properties.Roles).toBeUndefined();
    const actions = boundary.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject', 'sqs:SendMessage', 'sns:Publish']));
    expect(actions.some((a: string) => a.startsWith('iam:'))).toBe(false);
  });

  test('every role write the vendor may make names that boundary', () => {
    const statements = Object.values<any>(aws.Resources)
      .filter((r) => r.Type === 'AWS::IAM::ManagedPolicy' && r.Properties.Roles)
      .flatMap((r) => r.Properties.PolicyDocument.Statement);
    const writes = statements.filter((s) => [s.Action].flat().includes('iam:CreateRole'));
    expect(writes).toHaveLength(1);
    expect(writes[0].Condition).toEqual({ StringEquals: { 'iam:PermissionsBoundary': { 'Fn::Sub': '${WorkloadBoundary}' } } });
    expect([writes[0].Action].flat().sort()).toEqual(['iam:CreateRole', 'iam:DeleteRole', 'iam:DeleteRolePolicy', 'iam:PutRolePolicy']);
    expect(JSON.stringify(statements)).not.toContain('DeleteRolePermissionsBoundary');
  });

  test('a stack without identity creation has no boundary', () => {
    expect(JSON.parse(generateTemplates(modelFromText(VALID_SPEC)).get('aws/template.json')!).Resources.WorkloadBoundary).toBeUndefined();
  });

  test('the review says what bounds them', () => {
    const review = permissionsReview(modelFromText(spec));
    expect(review).toContain('### Identities the vendor creates');
    expect(review).toContain('They can never do more than these sets allow: `storage/data-write`, `queue/data-write`.');
    expect(review).toContain('the vendor may assign only `Storage Blob Data Contributor`, only to managed identities');
  });
});

describe('identities the vendor creates, on Azure', () => {
  const module = JSON.parse(files.get('azure/module/main.tf.json')!);
  const assignment = module.resource.azurerm_role_assignment.alien_role_assignment;

  test('an ABAC condition lets the vendor assign only the listed roles, only to service principals', () => {
    expect(assignment.condition_version).toBe('2.0');
    expect(assignment.condition).toContain(
      '@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {ba92f5b4-2d11-453d-a403-e96b0029c9fe}',
    );
    expect(assignment.condition).toContain(
      "@Request[Microsoft.Authorization/roleAssignments:PrincipalType] StringEqualsIgnoreCase 'ServicePrincipal'",
    );
    expect(assignment.condition).toContain(
      '@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {ba92f5b4-2d11-453d-a403-e96b0029c9fe}',
    );
  });

  test('the condition never lets the vendor assign a role to its own identity', () => {
    expect(assignment.condition).toContain(
      '@Request[Microsoft.Authorization/roleAssignments:PrincipalId] GuidNotEquals ${azurerm_user_assigned_identity.alien.principal_id}',
    );
    expect(assignment.condition).not.toContain('<vendor principal id>');
  });

  test('no condition when the vendor assigns no roles', () => {
    const plain = JSON.parse(generateTemplates(modelFromText(VALID_SPEC)).get('azure/module/main.tf.json')!);
    expect(plain.resource.azurerm_role_assignment.alien_role_assignment.condition).toBeUndefined();
  });
});

describe('the spec for identities the vendor creates', () => {
  const synth = async (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-workload-'));
    writeFileSync(join(dir, 'spec.yaml'), text);
    return run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'out'));
  };

  test('synthesizes, validated by CloudFormation', async () => {
    expect((await synth(spec)).code).toBe(0);
  });

  test.each([
    [
      'no bound at all',
      spec.replace(WORKLOAD, ''),
      /workloadIdentities: required because service-account\/provision creates the application's identities/,
    ],
    [
      'a privileged set as the bound',
      spec.replace('[storage/data-write, queue/data-write]', '[storage/data-write, code/update]'),
      /workloadIdentities\.permissions\[1\]: "code\/update" is privileged/,
    ],
    [
      'an unknown set',
      spec.replace('queue/data-write]', 'queue/data-writ]'),
      /workloadIdentities\.permissions\[1\]: unknown permission set "queue\/data-writ" \(did you mean "queue\/data-write"\?\)/,
    ],
    [
      'an unknown Azure role',
      spec.replace('Storage Blob Data Contributor', 'Storage Blob Data Contributer'),
      /workloadIdentities\.azureRoles\[0\]: "Storage Blob Data Contributer" is not an Azure built-in role \(did you mean "Storage Blob Data Contributor"\?\)/,
    ],
    [
      'a role that administers access',
      spec.replace('Storage Blob Data Contributor', 'Owner'),
      /workloadIdentities\.azureRoles\[0\]: "Owner" administers access/,
    ],
    [
      'no Azure roles while Azure is a cloud',
      spec.replace(', azureRoles: [Storage Blob Data Contributor]', ''),
      /workloadIdentities: azureRoles: required because service-account\/provision assigns roles on Azure/,
    ],
  ])('refuses %s, naming the field, with exit 2', async (_, text, message) => {
    const result = await synth(text);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});

describe('the rule that keeps created identities bounded', () => {
  const set = (aws: any, extra: object = {}) => ({ id: 'app/x', description: 'X.', aws, ...extra });
  const role = 'arn:${partition}:iam::${account}:role/${prefix}-*';

  test('refuses a role write without the boundary, or in a set that does not say it creates identities', () => {
    expect(
      workloadIdentitiesAreBounded(set([{ actions: ['iam:CreateRole'], resources: [role] }], { createsWorkloadIdentities: true })).map(
        (f) => f.message,
      ),
    ).toEqual(['iam:CreateRole needs StringEquals: { iam:PermissionsBoundary: "${boundary}" }, the boundary the stack creates']);
    const bounded = [
      { actions: ['iam:PutRolePolicy'], resources: [role], conditions: { StringEquals: { 'iam:PermissionsBoundary': '${boundary}' } } },
    ];
    expect(workloadIdentitiesAreBounded(set(bounded)).map((f) => f.message)).toEqual([
      'iam:PutRolePolicy creates or changes an identity; only a set marked "createsWorkloadIdentities: true" may grant it',
      '${boundary} exists only for a set marked "createsWorkloadIdentities: true"',
    ]);
    expect(workloadIdentitiesAreBounded(set(bounded, { createsWorkloadIdentities: true }))).toEqual([]);
  });

  test('never grants removing a boundary, nor Azure role assignments outside such a set', () => {
    expect(
      workloadIdentitiesAreBounded(
        set([{ actions: ['iam:DeleteRolePermissionsBoundary'], resources: [role] }], { createsWorkloadIdentities: true }),
      )[0].message,
    ).toMatch(/never granted/);
    expect(
      workloadIdentitiesAreBounded({
        id: 'app/x',
        description: 'X.',
        azure: { actions: ['Microsoft.Authorization/roleAssignments/write'] },
      })[0].message,
    ).toMatch(/hands roles to identities/);
  });
});
