import { releaseFacts } from '../../lib/release/release-facts';

/** A CloudFormation template with the vendor's role and a workload role, each with its trust. */
const template = (vendorPrincipal: string) =>
  JSON.stringify({
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { AWS: vendorPrincipal }, Action: 'sts:AssumeRole' }] } },
      },
      WorkloadRoleapp: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Path: { 'Fn::Sub': '/alien-workload/${ResourcePrefix}/' },
          AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        },
      },
    },
  });

describe("the diff's trust reader", () => {
  test("reads every role's trust under its own name: a workload role never stands for the vendor's", () => {
    const facts = releaseFacts(new Map([['aws/template.json', template('arn:aws:iam::210987654321:role/alien')]]));
    expect(facts.trust['aws.trust[0].principal']).toBe('{"AWS":"arn:aws:iam::210987654321:role/alien"}');
    expect(facts.trust['aws.workload.WorkloadRoleapp.trust[0].principal']).toBe('{"Service":"ecs-tasks.amazonaws.com"}');
  });

  test('a changed vendor principal is a trust change even beside a workload role', () => {
    const before = releaseFacts(new Map([['aws/template.json', template('arn:aws:iam::210987654321:role/alien')]]));
    const after = releaseFacts(new Map([['aws/template.json', template('arn:aws:iam::999999999999:role/other')]]));
    expect(before.trust['aws.trust[0].principal']).not.toBe(after.trust['aws.trust[0].principal']);
  });
});
