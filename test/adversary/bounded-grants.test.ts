import { builtInCatalog } from '../../lib/catalog/catalog';
import type { AwsStatementSpec } from '../../lib/catalog/permission-set-schema';
import { ACCOUNT, statementsFor } from '../../lib/rules/aws/requests';
import { allows, type AwsRequest } from '../../lib/rules/aws/iam-evaluator';

/**
 * An adversarial vendor holding every built-in set at once, as request sequences through the
 * project's IAM evaluator: what IAM can bound is bounded, so a door it tries to leave for after
 * revocation is refused. (Classes IAM cannot bound are refused or marked in the catalog itself.)
 */
const statements: AwsStatementSpec[] = builtInCatalog().sets.flatMap((set) => statementsFor(set, 'acme'));
const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:${ACCOUNT}:${resource}`;
const call = (action: string, resource: string, context: Record<string, string> = {}): AwsRequest => ({ action, resource, context });
/** The boundary the vendor's roles once had to carry; now no grant writes a role at all (test/adversary/identities.test.ts). */
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/alientrust/acme-app-eu-west-1-boundary`;

describe('with the whole catalog granted, the vendor', () => {
  test("cannot run an ECS service from a task definition that is not the deployment's (the customer's, with its task role)", () => {
    const service = arn('ecs', 'service/acme-cluster/acme-api');
    expect(
      allows(statements, call('ecs:CreateService', service, { 'ecs:task-definition': arn('ecs', 'task-definition/acme-api:1') })),
    ).toBe(true);
    expect(allows(statements, call('ecs:CreateService', service, { 'ecs:task-definition': arn('ecs', 'task-definition/payroll:3') }))).toBe(
      false,
    );
    expect(allows(statements, call('ecs:CreateService', service))).toBe(false);
  });

  test('cannot point an existing service at another task definition, and can still scale it', () => {
    const service = arn('ecs', 'service/acme-cluster/acme-api');
    expect(allows(statements, call('ecs:UpdateService', service, { 'ecs:task-definition': arn('ecs', 'task-definition/payroll:3') }))).toBe(
      false,
    );
    expect(
      allows(statements, call('ecs:UpdateService', service, { 'ecs:task-definition': arn('ecs', 'task-definition/acme-api:8') })),
    ).toBe(true);
    expect(allows(statements, call('ecs:UpdateService', service))).toBe(true);
  });

  test("cannot pass, delete or tag a customer's role that merely carries the prefix in its name", () => {
    const customers = `arn:aws:iam::${ACCOUNT}:role/acme-payroll`;
    for (const service of ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'ec2.amazonaws.com', 'codebuild.amazonaws.com']) {
      expect([service, allows(statements, call('iam:PassRole', customers, { 'iam:PassedToService': service }))]).toEqual([service, false]);
      // Not even when it carries the deployment's tag: only the template's workload path is passed.
      expect([
        service,
        allows(statements, call('iam:PassRole', customers, { 'iam:PassedToService': service, 'aws:ResourceTag/deployment': 'acme' })),
      ]).toEqual([service, false]);
    }
    expect(allows(statements, call('iam:DeleteRole', customers))).toBe(false);
    expect(allows(statements, call('iam:DeleteRole', customers, { 'iam:PermissionsBoundary': BOUNDARY }))).toBe(false);
    expect(allows(statements, call('iam:TagRole', customers, { 'aws:RequestTag/deployment': 'acme' }))).toBe(false);
    expect(allows(statements, call('iam:TagRole', customers, { 'aws:ResourceTag/deployment': 'acme' }))).toBe(false);
  });

  test('cannot add a resource-policy statement to a function, for any principal', () => {
    for (const principal of ['123456789012', '210987654321', '*', 'events.amazonaws.com']) {
      expect(allows(statements, call('lambda:AddPermission', arn('lambda', 'function:acme-api'), { 'lambda:Principal': principal }))).toBe(
        false,
      );
    }
  });

  test('cannot change its own role, its policies or the boundary, which sit under /alientrust/', () => {
    const own = `arn:aws:iam::${ACCOUNT}:role/alientrust/acme-alien-app-eu-west-1`;
    for (const action of [
      'iam:PutRolePolicy',
      'iam:AttachRolePolicy',
      'iam:UpdateAssumeRolePolicy',
      'iam:DeleteRolePermissionsBoundary',
      'iam:TagRole',
      'iam:PassRole',
      'iam:DeleteRole',
    ]) {
      expect([action, allows(statements, call(action, own, { 'iam:PermissionsBoundary': BOUNDARY }))]).toEqual([action, false]);
    }
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/alientrust/acme-alien-app-eu-west-1-boundary`;
    for (const action of ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:SetDefaultPolicyVersion']) {
      expect([action, allows(statements, call(action, boundary))]).toEqual([action, false]);
    }
  });

  test('cannot make a user, an access key or a role without the boundary', () => {
    expect(allows(statements, call('iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/acme-door`))).toBe(false);
    expect(allows(statements, call('iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/acme-door`))).toBe(false);
    expect(allows(statements, call('iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/acme-door`))).toBe(false);
  });
});
