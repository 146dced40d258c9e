import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTemplates } from '../../lib/output/generate';
import { permissionsReview } from '../../lib/review/permissions-review';
import { identitiesAreTheTemplates } from '../../lib/rules/common/workload-identities';
import { workloadIdentityWarnings } from '../../lib/model/workload-identity-warnings';
import { modelFromText, VALID_SPEC } from '../support/fixtures';
import { run } from '../support/run-cli';

/** Two workload identities: one Lambda and ECS tasks run as, one EC2 runs as (an instance profile). */
const WORKLOAD =
  'workloadIdentities: { identities: [{ name: api, services: [lambda, ecs-tasks] }, { name: nodes, services: [ec2] }], permissions: [storage/data-write, queue/data-write], azureRoles: [Storage Blob Data Contributor] }\n';
// compute-cluster/provision attaches the Azure workload identities to scale sets (outlives revocation: opted in).
const spec = `${VALID_SPEC.replace('[logs/read]', '[logs/read, functions/provision, compute-cluster/provision]')}allowOutlivingRevocation: [compute-cluster/provision]\n${WORKLOAD}`;
const files = generateTemplates(modelFromText(spec));
const aws = JSON.parse(files.get('aws/template.json')!);
const resources = Object.entries<any>(aws.Resources);
const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);

describe('workload identities on AWS: the template creates them', () => {
  test('one role per identity, named <prefix>-<name> under /alien-workload/<prefix>/, tagged for the deployment', () => {
    const roles = ofType('AWS::IAM::Role').filter(([id]) => id !== 'TrustRole');
    expect(roles.map(([id, r]) => [id, r.Properties.RoleName, r.Properties.Path])).toEqual([
      ['WorkloadRoleapi', { 'Fn::Sub': '${ResourcePrefix}-api' }, { 'Fn::Sub': '/alien-workload/${ResourcePrefix}/' }],
      ['WorkloadRolenodes', { 'Fn::Sub': '${ResourcePrefix}-nodes' }, { 'Fn::Sub': '/alien-workload/${ResourcePrefix}/' }],
    ]);
    for (const [, role] of roles) expect(role.Properties.Tags).toEqual([{ Key: 'deployment', Value: { 'Fn::Sub': '${ResourcePrefix}' } }]);
    // The vendor's own role stays under /alientrust/, where no PassRole grant reaches.
    expect(aws.Resources.TrustRole.Properties.Path).toBe('/alientrust/');
  });

  test('each trusts only the services the spec names, held to the account where the service sends it', () => {
    expect(aws.Resources.WorkloadRoleapi.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    // EC2 sends no aws:SourceAccount for an instance role; the role reaches it only through the
    // instance profile below, in this account.
    expect(aws.Resources.WorkloadRolenodes.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const principals = JSON.stringify(ofType('AWS::IAM::Role').filter(([id]) => id !== 'TrustRole'));
    expect(principals).not.toContain('"AWS"');
    expect(principals).not.toContain('Federated');
  });

  test('an instance profile only for the identity EC2 runs as, of the same name and path', () => {
    expect(ofType('AWS::IAM::InstanceProfile').map(([id, p]) => [id, p.Properties])).toEqual([
      [
        'WorkloadInstanceProfilenodes',
        {
          InstanceProfileName: { 'Fn::Sub': '${ResourcePrefix}-nodes' },
          Path: { 'Fn::Sub': '/alien-workload/${ResourcePrefix}/' },
          Roles: [{ Ref: 'WorkloadRolenodes' }],
        },
      ],
    ]);
  });

  test('their permissions are managed policies of the workload sets, on them alone, with no IAM action', () => {
    const workload = ofType('AWS::IAM::ManagedPolicy').filter(([id]) => id.startsWith('WorkloadPermissions'));
    expect(workload).toHaveLength(1);
    const [, policy] = workload[0];
    expect(policy.Properties.Roles).toEqual([{ Ref: 'WorkloadRoleapi' }, { Ref: 'WorkloadRolenodes' }]);
    expect(policy.Properties.Path).toBe('/alientrust/');
    const actions = policy.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject', 'sqs:SendMessage']));
    expect(actions.some((a: string) => a.startsWith('iam:'))).toBe(false);
    // The management role's own policies are attached to it alone.
    for (const [id, p] of ofType('AWS::IAM::ManagedPolicy').filter(([id]) => id.startsWith('Permissions')))
      expect([id, p.Properties.Roles]).toEqual([id, [{ Ref: 'TrustRole' }]]);
  });

  test('no permissions boundary, and the vendor may create, change or re-trust no role', () => {
    expect(JSON.stringify(aws)).not.toMatch(/Boundary/);
    const vendor = ofType('AWS::IAM::ManagedPolicy')
      .filter(([id]) => id.startsWith('Permissions'))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const iam = vendor.flatMap((s: any) => [s.Action].flat()).filter((a: string) => a.startsWith('iam:'));
    expect([...new Set(iam)].sort()).toEqual(['iam:GetRole', 'iam:PassRole']);
  });

  test('the outputs name the workload roles and instance profiles for the importer, in the spec order', () => {
    expect(aws.Outputs.WorkloadRoleArns.Value).toEqual({ 'Fn::Sub': '${WorkloadRoleapi.Arn},${WorkloadRolenodes.Arn}' });
    expect(aws.Outputs.WorkloadInstanceProfileArns.Value).toEqual({ 'Fn::Sub': '${WorkloadInstanceProfilenodes.Arn}' });
    expect(aws.Outputs.WorkloadRoleArns.Description).toContain('api, nodes');
  });

  test('a spec without workload identities creates none and outputs none', () => {
    const plain = JSON.parse(generateTemplates(modelFromText(VALID_SPEC)).get('aws/template.json')!);
    expect(Object.keys(plain.Resources).filter((id) => id.startsWith('Workload'))).toEqual([]);
    expect(plain.Outputs.WorkloadRoleArns).toBeUndefined();
  });

  test('the logical ids follow the names, not their order, so reordering the spec replaces nothing', () => {
    const reordered = spec.replace(
      '[{ name: api, services: [lambda, ecs-tasks] }, { name: nodes, services: [ec2] }]',
      '[{ name: nodes, services: [ec2] }, { name: api, services: [lambda, ecs-tasks] }]',
    );
    const other = JSON.parse(generateTemplates(modelFromText(reordered)).get('aws/template.json')!);
    expect(other.Resources.WorkloadRoleapi).toEqual(aws.Resources.WorkloadRoleapi);
    expect(other.Resources.WorkloadInstanceProfilenodes).toEqual(aws.Resources.WorkloadInstanceProfilenodes);
  });
});

describe('the spec for workload identities', () => {
  const synth = async (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-workload-'));
    writeFileSync(join(dir, 'spec.yaml'), text);
    return run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'out'));
  };

  test('synthesizes, validated by CloudFormation', async () => {
    const result = await synth(spec);
    expect([result.code, result.err]).toEqual([0, expect.any(String)]);
  });

  test.each([
    [
      'a name that is not a short lower-case id',
      spec.replace('name: api,', 'name: Api_1,'),
      /workloadIdentities\.identities\[0\]\.name: lower-case letters, digits and hyphens/,
    ],
    [
      'a name too long for <prefix>-<name> to be an IAM role name',
      spec.replace('name: api,', `name: ${'a'.repeat(40)},`),
      /workloadIdentities\.identities\[0\]\.name: at most 39 characters, so that <prefix>-<name> holds an IAM role name \(64\)/,
    ],
    ['a name listed twice', spec.replace('name: nodes,', 'name: api,'), /workloadIdentities\.identities\[1\]\.name: "api" is listed twice/],
    [
      "the spec's own name, which names the vendor's identity on GCP and Azure",
      spec.replace('name: nodes,', 'name: acme-app,'),
      /workloadIdentities\.identities\[1\]\.name: "acme-app" is the spec's name, which names the vendor's own identity/,
    ],
    [
      'an unknown service',
      spec.replace('services: [ec2]', 'services: [ec2, fargate]'),
      /workloadIdentities\.identities\[1\]\.services\[1\]: .*lambda, ecs-tasks, ec2, codebuild/,
    ],
    ['no service', spec.replace('services: [ec2]', 'services: []'), /workloadIdentities\.identities\[1\]\.services: name the services/],
    [
      'a privileged set among their permissions',
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
      'no Azure roles while a granted set assigns roles on Azure',
      spec.replace('[logs/read,', '[logs/read, ai/provision,').replace(', azureRoles: [Storage Blob Data Contributor]', ''),
      /workloadIdentities: azureRoles: required because ai\/provision assigns roles on Azure/,
    ],
    [
      'the refused id that let the vendor create identities',
      spec.replace('[logs/read,', '[logs/read, service-account/provision,'),
      /permissions\[1\]: "service-account\/provision" is not granted by this tool: The customer's template creates the deployment's identities/,
    ],
  ])('refuses %s, naming the field, with exit 2', async (_, text, message) => {
    const result = await synth(text);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});

describe('the rule that leaves every identity to the template', () => {
  const set = (grants: object) => ({ id: 'app/x', description: 'X.', ...grants });
  const role = 'arn:${partition}:iam::${account}:role/alien-workload/${prefix}/${prefix}-*';

  test.each([
    'iam:CreateRole',
    'iam:UpdateAssumeRolePolicy',
    'iam:PutRolePolicy',
    'iam:AttachRolePolicy',
    'iam:DeleteRole',
    'iam:TagRole',
    'iam:CreateInstanceProfile',
    'iam:AddRoleToInstanceProfile',
    'iam:PutRolePermissionsBoundary',
    'iam:DeleteRolePermissionsBoundary',
    'iam:CreatePolicyVersion',
    'iam:CreateUser',
  ])('refuses %s in any set', (action) => {
    expect(identitiesAreTheTemplates(set({ aws: [{ actions: [action], resources: [role] }] }))).toEqual([
      { path: ['aws', 0, 'actions', 0], message: expect.stringContaining("the customer's template creates every identity") },
    ]);
  });

  test('leaves reads and PassRole alone', () => {
    expect(
      identitiesAreTheTemplates(set({ aws: [{ actions: ['iam:GetRole', 'iam:ListRolePolicies', 'iam:PassRole'], resources: [role] }] })),
    ).toEqual([]);
  });

  test('refuses identity writes on Azure and GCP, and actAs on the whole project', () => {
    const found = identitiesAreTheTemplates(
      set({
        azure: {
          actions: [
            'Microsoft.ManagedIdentity/userAssignedIdentities/write',
            'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
          ],
        },
        gcp: { permissions: ['iam.serviceAccounts.create', 'iam.serviceAccounts.actAs', 'iam.serviceAccounts.get'] },
      }),
    );
    expect(found.map((f) => f.path)).toEqual([
      ['azure', 'actions', 0],
      ['gcp', 'permissions', 0],
      ['gcp', 'permissions', 1],
    ]);
    expect(found[2].message).toMatch(/actAsRuntimeServiceAccounts/);
  });
});

test('the review shows the workload identities, what trusts them, what they may do, and that deleting the stack deletes them', () => {
  const review = permissionsReview(modelFromText(spec));
  const section = review.slice(review.indexOf('### Workload identities'), review.indexOf('## What it can do'));
  expect(section).toContain('`alien-workload/<ResourcePrefix>/<ResourcePrefix>-api`');
  expect(section).toContain('`lambda.amazonaws.com`, `ecs-tasks.amazonaws.com`');
  expect(section).toContain('`storage/data-write`, `queue/data-write`');
  expect(section).toContain('deleting the CloudFormation stack (or `terraform destroy` of the AWS configuration) deletes the roles');
  expect(section).toContain('never creates identities');
});

describe('synth says when a set can pass or attach no workload identity', () => {
  test('per AWS service no identity trusts, and on Azure when there are none to attach', () => {
    const none = workloadIdentityWarnings(
      modelFromText(VALID_SPEC.replace('[logs/read]', '[code/update, worker/provision, container/provision]')),
    );
    expect(none).toEqual([
      expect.stringMatching(/^warning: aws: code\/update passes roles to ecs-tasks\.amazonaws\.com .*add one \(services: \[ecs-tasks\]\)/),
      expect.stringMatching(/^warning: aws: worker\/provision passes roles to lambda\.amazonaws\.com .*\(services: \[lambda\]\)/),
      expect.stringMatching(/^warning: azure: a granted set attaches managed identities/),
    ]);
    // spec declares identities for Lambda and ECS tasks (and EC2), which these sets pass roles to.
    expect(workloadIdentityWarnings(modelFromText(spec.replace('compute-cluster/provision', 'code/update')))).toEqual([]);
  });

  test('on the command line, as a warning beside a successful synth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-workload-'));
    writeFileSync(join(dir, 'spec.yaml'), VALID_SPEC.replace('[logs/read]', '[logs/read, functions/provision]'));
    const result = await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'out'));
    expect(result.code).toBe(0);
    expect(result.err).toContain('warning: aws: functions/provision passes roles to lambda.amazonaws.com');
  });
});
