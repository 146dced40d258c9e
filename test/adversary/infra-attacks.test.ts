import { builtInCatalog } from '../../lib/catalog/catalog';
import type { AwsStatementSpec } from '../../lib/catalog/permission-set-schema';
import { ACCOUNT, statementsFor } from '../../lib/rules/aws/requests';
import { allows, type AwsRequest } from '../../lib/rules/aws/iam-evaluator';

/**
 * An adversarial vendor holding every built-in set at once, against the infrastructure kinds'
 * resources: each class is the request sequence it would try, refused, beside the legitimate
 * sequence, allowed. (ECS services from a foreign task definition: test/adversary/bounded-grants.test.ts.)
 *
 * A refusal only counts if the request could have been allowed: each class also shows its attack
 * allowed once a plain grant of the action is added (`withGrant`), so a malformed request, an
 * action name the catalog never uses, or a resource no statement could match cannot pass as
 * "refused".
 */
const catalog = builtInCatalog();
const statements: AwsStatementSpec[] = catalog.sets.flatMap((set) => statementsFor(set, 'acme'));
const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:${ACCOUNT}:${resource}`;
const call = (action: string, resource: string, context: Record<string, string> = {}): AwsRequest => ({ action, resource, context });
const allowed = (...requests: AwsRequest[]) => requests.every((r) => allows(statements, r));
/** The whole catalog plus an unconditioned grant of the request's action on its resource. */
const withGrant = (r: AwsRequest) => allows([...statements, { actions: [r.action], resources: [r.resource] }], r);

const own = { 'aws:ResourceTag/deployment': 'acme' };
const tagOwn = { 'aws:RequestTag/deployment': 'acme' };

describe('with the whole catalog granted, the vendor', () => {
  describe("cannot write an ECR repository's or registry's policy (a push door that outlives revocation)", () => {
    const repository = arn('ecr', 'repository/acme-api');
    const attacks = [
      call('ecr:SetRepositoryPolicy', repository),
      call('ecr:DeleteRepositoryPolicy', repository),
      call('ecr:PutRegistryPolicy', arn('ecr', 'registry/123456789012')),
    ];

    test.each(attacks.map((a) => [a.action, a] as const))('%s is refused', (_, attack) => {
      expect(allowed(attack)).toBe(false);
      expect(withGrant(attack)).toBe(true);
    });

    test('and the sets say so in writing, with the reason', () => {
      const refused = catalog.sets.flatMap((s) => (s.refuses ?? []).flatMap((r) => r.permissions));
      for (const a of attacks) expect([a.action, refused.includes(a.action)]).toEqual([a.action, true]);
    });

    test("still creates, scans and deletes the deployment's repositories, and reads their policy", () => {
      expect(
        allowed(
          call('ecr:CreateRepository', repository),
          call('ecr:PutImageScanningConfiguration', repository),
          call('ecr:PutLifecyclePolicy', repository),
          call('ecr:GetRepositoryPolicy', repository),
          call('ecr:DeleteRepository', repository),
        ),
      ).toBe(true);
      expect(allowed(call('ecr:DeleteRepository', arn('ecr', 'repository/payroll')))).toBe(false);
    });
  });

  describe("cannot tag a customer's certificate as the deployment's, then replace or delete it", () => {
    const customers = arn('acm', 'certificate/5e1f-customer');
    // ACM checks an import's tags as acm:AddTagsToCertificate too (Service Authorization Reference).
    const taggedImport = (resource: string, context: Record<string, string>) => [
      call('acm:ImportCertificate', resource, { ...tagOwn, ...context }),
      call('acm:AddTagsToCertificate', resource, { ...tagOwn, ...context }),
    ];

    test('tagging it is refused, untagged or tagged for another deployment', () => {
      const attacks = [
        call('acm:AddTagsToCertificate', customers, tagOwn),
        call('acm:AddTagsToCertificate', customers, { ...tagOwn, 'aws:ResourceTag/deployment': 'acmeprod' }),
      ];
      for (const a of attacks) expect([a.context, allowed(a), withGrant(a)]).toEqual([a.context, false, true]);
      // A re-import that carries tags is a tagging too.
      expect(allowed(...taggedImport(customers, {}))).toBe(false);
    });

    test('replacing its key (re-import) or deleting it is refused', () => {
      for (const action of ['acm:ImportCertificate', 'acm:DeleteCertificate']) {
        const contexts: Record<string, string>[] = [
          {},
          { 'aws:ResourceTag/Name': 'acme-web' },
          { 'aws:ResourceTag/deployment': 'acmeprod' },
        ];
        for (const context of contexts) {
          const attack = call(action, customers, context);
          expect([action, context, allowed(attack), withGrant(attack)]).toEqual([action, context, false, true]);
        }
      }
      // Another deployment's certificate, even with the deployment's tag in the request.
      expect(allowed(call('acm:ImportCertificate', customers, { ...tagOwn, 'aws:ResourceTag/deployment': 'acmeprod' }))).toBe(false);
    });

    test("renews, reads and deletes the deployment's own certificate", () => {
      const mine = arn('acm', 'certificate/0a1b2c');
      expect(
        allowed(
          call('acm:ImportCertificate', mine, own),
          call('acm:DescribeCertificate', mine, own),
          call('acm:DeleteCertificate', mine, own),
        ),
      ).toBe(true);
    });
  });

  describe('cannot launch an instance onto an existing network interface', () => {
    const launch = (networkInterface: AwsRequest) => [
      call('ec2:RunInstances', arn('ec2', 'instance/*'), tagOwn),
      call('ec2:RunInstances', arn('ec2', 'volume/*'), tagOwn),
      networkInterface,
      call('ec2:RunInstances', arn('ec2', 'launch-template/lt-0a1b2c'), own),
      call('ec2:RunInstances', arn('ec2', 'subnet/subnet-0a1b2c'), own),
      call('ec2:RunInstances', arn('ec2', 'security-group/sg-0a1b2c'), own),
      call('ec2:RunInstances', `arn:aws:ec2:eu-west-1::image/ami-0a1b2c`, { 'ec2:Owner': 'amazon' }),
    ];

    test('a new interface, tagged by the launch, is allowed', () => {
      expect(allowed(...launch(call('ec2:RunInstances', arn('ec2', 'network-interface/*'), tagOwn)))).toBe(true);
    });

    test("the customer's interface is refused, even with the deployment's tag in the request", () => {
      const customers = arn('ec2', 'network-interface/eni-0customer');
      for (const context of [
        { 'ec2:NetworkInterfaceID': 'eni-0customer' },
        { 'ec2:NetworkInterfaceID': 'eni-0customer', ...tagOwn },
        { 'ec2:NetworkInterfaceID': 'eni-0customer', ...own, ...tagOwn },
      ]) {
        const attack = call('ec2:RunInstances', customers, context);
        expect([context, allowed(...launch(attack)), withGrant(attack)]).toEqual([context, false, true]);
      }
    });
  });

  describe('cannot reach a security group or other EC2 resource by the Name tag, nor tag one into the deployment', () => {
    const customers = arn('ec2', 'security-group/sg-0customer');
    // A customer's group that happens to be named like the deployment's (Alien never sets Name).
    const named = { 'aws:ResourceTag/Name': 'acme-web' };

    test('opening, closing or deleting the group is refused', () => {
      for (const action of [
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:RevokeSecurityGroupIngress',
        'ec2:AuthorizeSecurityGroupEgress',
        'ec2:DeleteSecurityGroup',
      ]) {
        const attack = call(action, customers, named);
        expect([action, allowed(attack), withGrant(attack)]).toEqual([action, false, true]);
      }
      // Nor a new group in the customer's VPC named like the deployment's.
      expect(allowed(call('ec2:CreateSecurityGroup', arn('ec2', 'vpc/vpc-0customer'), { 'aws:ResourceTag/Name': 'acme-network' }))).toBe(
        false,
      );
    });

    test('tagging an existing resource deployment=<prefix> is refused, for every EC2 resource type the catalog names', () => {
      const types = [
        ...new Set(
          statements
            .filter((s) => s.actions.includes('ec2:CreateTags'))
            .flatMap((s) => s.resources)
            .map((r) => /:([a-z-]+)\/\*$/.exec(r)?.[1])
            .filter((t): t is string => t !== undefined),
        ),
      ];
      expect(types).toEqual(expect.arrayContaining(['security-group', 'volume', 'vpc', 'subnet', 'instance', 'network-interface']));
      for (const type of types) {
        const attack = call('ec2:CreateTags', arn('ec2', `${type}/${type}-0customer`), { ...tagOwn, ...named });
        expect([type, allowed(attack), withGrant(attack)]).toEqual([type, false, true]);
      }
    });

    test('no EC2 or ACM grant of the catalog is keyed on the Name tag', () => {
      const keyedOnName = statements.filter((s) => JSON.stringify(s.conditions ?? {}).includes('Tag/Name'));
      expect(keyedOnName.flatMap((s) => s.actions.filter((a) => a.startsWith('ec2:') || a.startsWith('acm:')))).toEqual([]);
    });

    test('creates a group tagged in the create call, in its own VPC, and opens a port on it', () => {
      const group = arn('ec2', 'security-group/sg-0a1b2c');
      expect(
        allowed(
          call('ec2:CreateSecurityGroup', group, tagOwn),
          call('ec2:CreateSecurityGroup', arn('ec2', 'vpc/vpc-0a1b2c'), own),
          call('ec2:CreateTags', group, { ...tagOwn, 'ec2:CreateAction': 'CreateSecurityGroup' }),
          call('ec2:AuthorizeSecurityGroupIngress', group, own),
          call('ec2:DeleteSecurityGroup', group, own),
        ),
      ).toBe(true);
    });
  });
});
