import { synthAws } from '../../lib/aws/synth-aws';
import { generateTemplates } from '../../lib/output/generate';
import type { AwsStatementSpec } from '../../lib/catalog/permission-set-schema';
import { allows, type AwsRequest } from '../../lib/rules/aws/iam-evaluator';
import { ACCOUNT } from '../../lib/rules/aws/requests';
import { modelFromText, wholeCatalogSpec } from '../support/fixtures';

/**
 * An adversarial vendor holding every built-in set at once, trying to leave itself a door on the
 * identities: a role of its own, a re-trusted or widened workload role, or the management role
 * or a customer role handed to a service that runs its code. Every request is evaluated with the
 * project's IAM evaluator against the policies of the generated template (the management role's,
 * for the deployment `acme` in eu-west-1), not the catalog's text: what the customer deploys.
 */
const PREFIX = 'acme';
const REGION = 'eu-west-1';
const template: any = synthAws(modelFromText(wholeCatalogSpec(), ['aws']));

/** The template's strings with the stack's parameters and pseudo parameters filled in. */
function resolve(value: any): any {
  const refs: Record<string, string> = {
    ResourcePrefix: PREFIX,
    'AWS::Partition': 'aws',
    'AWS::Region': REGION,
    'AWS::AccountId': ACCOUNT,
  };
  if (Array.isArray(value)) return value.map(resolve);
  if (value === null || typeof value !== 'object') return value;
  if ('Fn::Sub' in value) return (value['Fn::Sub'] as string).replace(/\$\{([^}]+)\}/g, (_, name: string) => refs[name] ?? `<${name}>`);
  if ('Ref' in value) return refs[value.Ref] ?? `<${value.Ref}>`;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v as string]);

/** The statements of the policies attached to the vendor's role. */
const statements: AwsStatementSpec[] = Object.values<any>(template.Resources)
  .filter((r) => r.Type === 'AWS::IAM::ManagedPolicy' && JSON.stringify(r.Properties.Roles) === '[{"Ref":"TrustRole"}]')
  .flatMap((r) => resolve(r.Properties.PolicyDocument).Statement)
  .map((s: any) => ({ actions: list(s.Action), resources: list(s.Resource), ...(s.Condition && { conditions: s.Condition }) }));

const role = (path: string) => `arn:aws:iam::${ACCOUNT}:role/${path}`;
const call = (action: string, resource: string, context: Record<string, string> = {}): AwsRequest => ({ action, resource, context });
/** Every tag and condition value the vendor could make a request carry: none of them opens a door. */
const CONTEXTS: Record<string, string>[] = [
  {},
  { 'aws:ResourceTag/deployment': PREFIX },
  { 'aws:RequestTag/deployment': PREFIX, 'aws:TagKeys': 'deployment' },
  { 'iam:PermissionsBoundary': `arn:aws:iam::${ACCOUNT}:policy/alientrust/acme-alien-app-eu-west-1-boundary` },
  { 'iam:PolicyARN': `arn:aws:iam::${ACCOUNT}:policy/alientrust/acme-alien-app-eu-west-1-workload-1` },
];
const refusedEverywhere = (action: string, resource: string, extra: Record<string, string> = {}) =>
  CONTEXTS.map((context) => [action, resource, context, allows(statements, call(action, resource, { ...context, ...extra }))]).filter(
    ([, , , allowed]) => allowed,
  );

const WORKLOAD = role('alien-workload/acme/acme-api');
const MANAGEMENT = role('alientrust/acme-alien-app-eu-west-1');
const CUSTOMER_ROLES = [role('acme-admin'), role('acme-x/acme-admin'), role('acme-x/payroll'), role('ops/acme-api')];
const SERVICES = ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'ec2.amazonaws.com', 'codebuild.amazonaws.com'];

describe('with the whole catalog granted, the vendor', () => {
  test('grants itself nothing that writes an identity: the template is what creates them', () => {
    const writes = statements.flatMap((s) => s.actions).filter((a) => a.startsWith('iam:') && !/^iam:(Get|List)/.test(a));
    expect([...new Set(writes)]).toEqual(['iam:PassRole']);
  });

  test('cannot create a role, whatever its name, path or trust (one naming the vendor account included)', () => {
    for (const resource of [role('acme-door'), role('alien-workload/acme/acme-door'), role('alientrust/acme-door')])
      expect(refusedEverywhere('iam:CreateRole', resource)).toEqual([]);
  });

  test("cannot re-trust, widen or strip a workload role's policies", () => {
    for (const action of [
      'iam:UpdateAssumeRolePolicy',
      'iam:PutRolePolicy',
      'iam:AttachRolePolicy',
      'iam:DetachRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:PutRolePermissionsBoundary',
      'iam:DeleteRolePermissionsBoundary',
      'iam:UpdateRole',
    ])
      expect(refusedEverywhere(action, WORKLOAD)).toEqual([]);
    for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy'])
      expect(refusedEverywhere(action, `arn:aws:iam::${ACCOUNT}:policy/alientrust/acme-alien-app-eu-west-1-workload-1`)).toEqual([]);
  });

  test('cannot delete, tag or untag a role: a workload role, the management role, or a customer role with the prefix', () => {
    for (const resource of [WORKLOAD, MANAGEMENT, ...CUSTOMER_ROLES])
      for (const action of ['iam:DeleteRole', 'iam:TagRole', 'iam:UntagRole']) expect(refusedEverywhere(action, resource)).toEqual([]);
  });

  test('cannot make an instance profile or put a role in one', () => {
    for (const action of ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile'])
      expect(refusedEverywhere(action, `arn:aws:iam::${ACCOUNT}:instance-profile/alien-workload/acme/acme-nodes`)).toEqual([]);
  });

  test('cannot pass the management role, a customer role named or pathed with the prefix, or another deployment’s workload role', () => {
    for (const resource of [
      MANAGEMENT,
      ...CUSTOMER_ROLES,
      role('alien-workload/acmeprod/acmeprod-api'),
      role('alien-workload/acme-x/acme-api'),
    ])
      for (const service of SERVICES) expect(refusedEverywhere('iam:PassRole', resource, { 'iam:PassedToService': service })).toEqual([]);
  });

  test('may pass a workload role to Lambda, and to no service that no granted set names', () => {
    expect(allows(statements, call('iam:PassRole', WORKLOAD, { 'iam:PassedToService': 'lambda.amazonaws.com' }))).toBe(true);
    for (const service of ['states.amazonaws.com', 'sagemaker.amazonaws.com', 'glue.amazonaws.com', 'scheduler.amazonaws.com'])
      expect(refusedEverywhere('iam:PassRole', WORKLOAD, { 'iam:PassedToService': service })).toEqual([]);
    // A pass that names no service at all (as a request without the key reads) is refused too.
    expect(allows(statements, call('iam:PassRole', WORKLOAD))).toBe(false);
  });

  test('the workload roles the template creates trust only the services their identity names', () => {
    const trusted = Object.values<any>(template.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Role' && r.Properties.Path?.['Fn::Sub'])
      .map((r) => [
        resolve(r.Properties.RoleName),
        r.Properties.AssumeRolePolicyDocument.Statement.flatMap((s: any) => list(s.Principal.Service)),
      ]);
    expect(trusted).toEqual([
      ['acme-api', ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com']],
      ['acme-nodes', ['ec2.amazonaws.com']],
      ['acme-build', ['codebuild.amazonaws.com', 'lambda.amazonaws.com']],
      ['acme-abcdefghijklmnopqrstuvwxyz-0123456789ab', ['lambda.amazonaws.com']],
    ]);
  });
});

describe('with the whole catalog granted on Azure, the vendor', () => {
  const tf: any = JSON.parse(generateTemplates(modelFromText(wholeCatalogSpec(), ['azure'])).get('azure/module/main.tf.json')!);
  const GROUP = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/app-rg';
  const identityId = (name: string) => `${GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
  const identities = tf.resource.azurerm_user_assigned_identity as Record<string, any>;
  /** Terraform references, filled in for the deployment `acme` in app-rg. */
  const value = (text: string): string =>
    text
      .replace('${data.azurerm_resource_group.deployment.id}', GROUP)
      .replace(/^\$\{azurerm_user_assigned_identity\.(\w+)\.id\}$/, (_, id: string) => identityId(value(identities[id].name)))
      .replace(/^\$\{azurerm_user_assigned_identity\.(\w+)\.principal_id\}$/, (_, id: string) => `principal of ${id}`)
      .replace('${var.resource_prefix}', PREFIX);
  const VENDOR = value('${azurerm_user_assigned_identity.alien.principal_id}');
  /** Azure RBAC: an assignment reaches its scope and everything below it, without regard to case. */
  const allowed = (operation: string, target: string) =>
    Object.values<any>(tf.resource.azurerm_role_assignment).some((a) => {
      if (value(a.principal_id) !== VENDOR || !a.role_definition_id) return false;
      const role = tf.resource.azurerm_role_definition[/azurerm_role_definition\.(\w+)\./.exec(a.role_definition_id)![1]];
      const scope = value(a.scope).toLowerCase();
      const reaches = target.toLowerCase() === scope || target.toLowerCase().startsWith(`${scope}/`);
      return reaches && role.permissions.some((p: any) => p.actions.some((op: string) => op.toLowerCase() === operation.toLowerCase()));
    });
  const ATTACH = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';

  test('cannot attach its own management identity, nor any identity of the group that is not a workload identity', () => {
    expect(allowed(ATTACH, identityId(value(identities.alien.name)))).toBe(false);
    expect(allowed(ATTACH, identityId('payroll'))).toBe(false);
    expect(allowed(ATTACH, identityId('acme-admin'))).toBe(false);
    // Another deployment's workload identity in the same group.
    expect(allowed(ATTACH, identityId('acmeprod-api'))).toBe(false);
  });

  test('may attach each workload identity the template creates, and still reads the group', () => {
    for (const name of ['acme-api', 'acme-nodes', 'acme-build']) expect([name, allowed(ATTACH, identityId(name))]).toEqual([name, true]);
    expect(allowed('Microsoft.ManagedIdentity/userAssignedIdentities/read', identityId(value(identities.alien.name)))).toBe(true);
  });

  test('cannot create or change an identity or a federated credential anywhere in the group', () => {
    for (const op of [
      'Microsoft.ManagedIdentity/userAssignedIdentities/write',
      'Microsoft.ManagedIdentity/userAssignedIdentities/delete',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
    ])
      expect([op, allowed(op, identityId('acme-door'))]).toEqual([op, false]);
  });

  test('assigns roles, where a set lets it, only to the workload identities and never to itself', () => {
    const condition: string = tf.resource.azurerm_role_assignment.alien_role_assignment.condition;
    const principals = [
      ...condition.matchAll(/roleAssignments:PrincipalId\] ForAnyOfAnyValues:GuidEquals \{((?:\$\{[^}]*\}(?:, )?)*)\}/g),
    ].map((m) => m[1].split(', ').map(value));
    expect(principals).toHaveLength(2);
    for (const list of principals) {
      expect(list).not.toContain(VENDOR);
      expect(list.filter((p) => !/^principal of workload_/.test(p))).toEqual([]);
      expect(list).toHaveLength(4);
    }
  });
});
