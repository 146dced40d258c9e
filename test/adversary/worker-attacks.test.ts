import { builtInCatalog } from '../../lib/catalog/catalog';
import type { AwsStatementSpec } from '../../lib/catalog/permission-set-schema';
import { ACCOUNT, statementsFor } from '../../lib/rules/aws/requests';
import { allows, type AwsRequest } from '../../lib/rules/aws/iam-evaluator';

/**
 * An adversarial vendor holding the sets Alien assigns a live worker (worker/provision,
 * worker/heartbeat, worker/dispatch-command), as request sequences through the project's IAM
 * evaluator, for deployment "acme". Each attack is paired with the legitimate call it imitates,
 * so a test fails both when the attack gets through and when the bound is so tight that Alien's
 * own call is refused.
 */
const catalog = builtInCatalog();
const WORKER_SETS = ['worker/provision', 'worker/heartbeat', 'worker/dispatch-command'];
const statements: AwsStatementSpec[] = WORKER_SETS.flatMap((id) => statementsFor(catalog.get(id)!, 'acme'));
const allowed = (request: AwsRequest) => allows(statements, request);

const VENDOR_ACCOUNT = '210987654321';
const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:${ACCOUNT}:${resource}`;
const call = (action: string, resource: string, context: Record<string, string> = {}): AwsRequest => ({ action, resource, context });

/** The deployment's function, a customer's function that merely carries the prefix, another deployment's. */
const own = { fn: arn('lambda', 'function:acme-api'), tags: { 'aws:ResourceTag/deployment': 'acme' } };
const customers = { fn: arn('lambda', 'function:acme-payroll'), tags: {} };
const other = { fn: arn('lambda', 'function:acmeprod-api'), tags: { 'aws:ResourceTag/deployment': 'acmeprod' } };

describe('with the worker sets, the vendor', () => {
  test('cannot add an invoke permission for its own account, another account or everyone, only for the AWS services that trigger a worker', () => {
    for (const principal of [VENDOR_ACCOUNT, `arn:aws:iam::${VENDOR_ACCOUNT}:root`, ACCOUNT, '*', 'sns.amazonaws.com']) {
      expect([principal, allowed(call('lambda:AddPermission', own.fn, { ...own.tags, 'lambda:Principal': principal }))]).toEqual([
        principal,
        false,
      ]);
    }
    // Without a principal in the request there is nothing to check, so it is refused too.
    expect(allowed(call('lambda:AddPermission', own.fn, own.tags))).toBe(false);
    for (const principal of ['s3.amazonaws.com', 'events.amazonaws.com', 'apigateway.amazonaws.com']) {
      expect([principal, allowed(call('lambda:AddPermission', own.fn, { ...own.tags, 'lambda:Principal': principal }))]).toEqual([
        principal,
        true,
      ]);
    }
  });

  test('cannot open a function on a public URL', () => {
    expect(allowed(call('lambda:CreateFunctionUrlConfig', own.fn, { ...own.tags, 'lambda:FunctionUrlAuthType': 'NONE' }))).toBe(false);
    expect(
      allowed(call('lambda:AddPermission', own.fn, { ...own.tags, 'lambda:Principal': '*', 'lambda:FunctionUrlAuthType': 'NONE' })),
    ).toBe(false);
  });

  test("cannot push code to, reconfigure, read, invoke or delete another deployment's function, or a customer's that merely carries the prefix", () => {
    const actions = [
      'lambda:UpdateFunctionCode',
      'lambda:UpdateFunctionConfiguration',
      'lambda:DeleteFunction',
      'lambda:GetFunctionConfiguration',
      'lambda:InvokeFunction',
      'lambda:PutFunctionConcurrency',
    ];
    for (const action of actions) {
      expect([action, allowed(call(action, own.fn, own.tags))]).toEqual([action, true]);
      for (const target of [other, customers]) {
        expect([action, target.fn, allowed(call(action, target.fn, target.tags))]).toEqual([action, target.fn, false]);
      }
      // A function named for the deployment but tagged for another is not the deployment's either.
      expect([action, allowed(call(action, own.fn, other.tags))]).toEqual([action, false]);
    }
    expect(allowed(call('lambda:AddPermission', customers.fn, { ...customers.tags, 'lambda:Principal': 'events.amazonaws.com' }))).toBe(
      false,
    );
  });

  test('cannot tag an existing function into the deployment, and tags its own only in the create call or when they already carry the tag', () => {
    const intoAcme = { 'aws:RequestTag/deployment': 'acme' };
    // The customer's untagged function: tagging it would make every tag-bounded grant reach it.
    expect(allowed(call('lambda:TagResource', customers.fn, intoAcme))).toBe(false);
    expect(allowed(call('lambda:TagResource', other.fn, { ...intoAcme, ...other.tags }))).toBe(false);
    expect(allowed(call('lambda:TagResource', own.fn, { ...intoAcme, ...own.tags }))).toBe(true);
    // Retagging its own function for another deployment is refused.
    expect(allowed(call('lambda:TagResource', own.fn, { 'aws:RequestTag/deployment': 'acmeprod', ...own.tags }))).toBe(false);
  });

  test("creates functions only with the deployment's tag", () => {
    expect(allowed(call('lambda:CreateFunction', own.fn, { 'aws:RequestTag/deployment': 'acme' }))).toBe(true);
    expect(allowed(call('lambda:CreateFunction', own.fn))).toBe(false);
    expect(allowed(call('lambda:CreateFunction', own.fn, { 'aws:RequestTag/deployment': 'acmeprod' }))).toBe(false);
    expect(allowed(call('lambda:CreateFunction', other.fn, { 'aws:RequestTag/deployment': 'acme' }))).toBe(false);
  });

  test("cannot feed another deployment's function from a queue", () => {
    expect(allowed(call('lambda:CreateEventSourceMapping', '*', { 'lambda:FunctionArn': own.fn }))).toBe(true);
    expect(allowed(call('lambda:CreateEventSourceMapping', '*', { 'lambda:FunctionArn': other.fn }))).toBe(false);
    expect(allowed(call('lambda:CreateEventSourceMapping', '*'))).toBe(false);
  });

  describe('with EventBridge schedules', () => {
    const rule = arn('events', 'rule/acme-api-cron-0');
    const tagged = { 'aws:ResourceTag/deployment': 'acme' };

    test("cannot send a rule's events anywhere but the deployment's functions", () => {
      expect(allowed(call('events:PutTargets', rule, { ...tagged, 'events:TargetArn': own.fn }))).toBe(true);
      for (const target of [
        `arn:aws:events:eu-west-1:${VENDOR_ACCOUNT}:event-bus/default`,
        `arn:aws:lambda:eu-west-1:${VENDOR_ACCOUNT}:function:acme-api`,
        other.fn,
        arn('sqs', 'acme-jobs'),
      ]) {
        expect([target, allowed(call('events:PutTargets', rule, { ...tagged, 'events:TargetArn': target }))]).toEqual([target, false]);
      }
      // A request that names no target is refused, not waved through by ForAllValues.
      expect(allowed(call('events:PutTargets', rule, tagged))).toBe(false);
    });

    test("cannot make a rule that matches the account's events, only schedules", () => {
      expect(allowed(call('events:PutRule', rule, { 'aws:RequestTag/deployment': 'acme' }))).toBe(true);
      expect(allowed(call('events:PutRule', rule, { 'aws:RequestTag/deployment': 'acme', 'events:source': 'aws.cloudtrail' }))).toBe(false);
      expect(
        allowed(call('events:PutRule', rule, { 'aws:RequestTag/deployment': 'acme', 'events:detail-type': 'AWS API Call via CloudTrail' })),
      ).toBe(false);
    });

    test("cannot retarget, retag or delete another deployment's rule", () => {
      const others = arn('events', 'rule/acmeprod-api-cron-0');
      const theirs = { 'aws:ResourceTag/deployment': 'acmeprod' };
      expect(allowed(call('events:PutTargets', others, { ...theirs, 'events:TargetArn': own.fn }))).toBe(false);
      expect(allowed(call('events:DeleteRule', others, theirs))).toBe(false);
      expect(allowed(call('events:TagResource', others, { 'aws:RequestTag/deployment': 'acme', ...theirs }))).toBe(false);
      // A rule named for the deployment but tagged for another one is not retagged either.
      expect(allowed(call('events:TagResource', rule, { 'aws:RequestTag/deployment': 'acme', ...theirs }))).toBe(false);
      expect(allowed(call('events:DeleteRule', rule, tagged))).toBe(true);
    });
  });

  test('cannot claim a certificate or a custom domain: ACM and API Gateway are refused, not bounded by a tag anyone can write', () => {
    const certificate = arn('acm', 'certificate/0a1b2c3d');
    expect(allowed(call('acm:AddTagsToCertificate', certificate, { 'aws:RequestTag/deployment': 'acme' }))).toBe(false);
    expect(allowed(call('acm:ImportCertificate', certificate, { 'aws:ResourceTag/deployment': 'acme' }))).toBe(false);
    const mapping = 'arn:aws:apigateway:eu-west-1::/domainnames/api.customer.example/basepathmappings';
    expect(allowed(call('apigateway:POST', mapping, { 'aws:ResourceTag/deployment': 'acme' }))).toBe(false);
    const set = catalog.get('worker/provision')!;
    const refused = (set.refuses ?? []).flatMap((r) => r.permissions);
    for (const p of ['acm:AddTagsToCertificate', 'acm:ImportCertificate', 'apigateway:POST']) expect(refused).toContain(p);
  });

  test('the invoke permissions it can write are named in the review as outliving revocation, with how to find them', () => {
    const set = catalog.get('worker/provision')!;
    expect(set.outlivesRevocation?.aws).toMatch(/aws lambda get-policy/);
    expect(set.outlivesRevocation?.aws).toMatch(/aws lambda remove-permission/);
  });

  test('deploying code says plainly that it runs as the workload identities', () => {
    expect(catalog.get('worker/provision')!.description).toMatch(/code that runs as its workload identities/);
  });
});

describe('with the whole catalog granted, the vendor', () => {
  const everything: AwsStatementSpec[] = catalog.sets.flatMap((set) => statementsFor(set, 'acme'));

  test("cannot give an account or everyone a way into the deployment's functions", () => {
    for (const principal of [VENDOR_ACCOUNT, `arn:aws:iam::${VENDOR_ACCOUNT}:root`, '*']) {
      expect([
        principal,
        allows(
          everything,
          call('lambda:AddPermission', own.fn, { ...own.tags, 'lambda:Principal': principal, 'lambda:FunctionUrlAuthType': 'NONE' }),
        ),
      ]).toEqual([principal, false]);
      expect([principal, allows(everything, call('lambda:AddPermission', own.fn, { ...own.tags, 'lambda:Principal': principal }))]).toEqual(
        [principal, false],
      );
    }
  });
});
