import { synthAws } from '../../lib/aws/synth-aws';
import { proveValid } from '../../lib/aws/validation/prove-valid';
import { permissionsReview } from '../../lib/review/permissions-review';
import { modelFromText, REGISTRATION_OIDC_SPEC, REGISTRATION_SPEC, VALID_SPEC, wholeCatalogSpec } from '../support/fixtures';
import { specProblems } from '../support/spec-problems';

const OIDC_SPEC = REGISTRATION_OIDC_SPEC;

const template = (text: string): any => synthAws(modelFromText(text, ['aws']));
const customResources = (t: any) =>
  Object.entries<any>(t.Resources).filter(([, r]) => r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource');

describe('the registration custom resource', () => {
  const t = template(REGISTRATION_SPEC);

  test('is one resource that sends the role, the prefix, the external id and the release to the service token', () => {
    expect(customResources(t)).toHaveLength(1);
    expect(t.Resources.Registration).toEqual({
      Type: 'Custom::AlienRegistration',
      Properties: {
        ServiceToken: 'arn:aws:sns:us-east-1:210987654321:alien-registrations',
        ServiceTimeout: 60,
        RoleArn: { 'Fn::GetAtt': ['TrustRole', 'Arn'] },
        ResourcePrefix: { Ref: 'ResourcePrefix' },
        ExternalId: { Ref: 'ExternalId' },
        TemplateName: 'acme-app',
        TemplateVersion: '1.2.3',
      },
      DependsOn: ['Permissions1'],
    });
  });

  test('fires only after the role and the workload roles (read by GetAtt) and every managed policy, theirs too', () => {
    const whole = template(
      `${wholeCatalogSpec()}registration:\n  aws:\n    serviceToken: arn:aws:sns:us-east-1:210987654321:alien-registrations\n`,
    );
    const policies = Object.entries<any>(whole.Resources)
      .filter(([, r]) => r.Type === 'AWS::IAM::ManagedPolicy')
      .map(([id]) => id)
      .sort();
    expect(policies.length).toBeGreaterThan(2);
    expect(policies).toContain('WorkloadPermissions1');
    expect([...whole.Resources.Registration.DependsOn].sort()).toEqual(policies);
    const sent = whole.Resources.Registration.Properties;
    expect(sent.RoleArn).toEqual({ 'Fn::GetAtt': ['TrustRole', 'Arn'] });
    // The importer learns the workload roles with the role, exactly as the outputs hold them.
    expect(sent.WorkloadRoleArns).toEqual(whole.Outputs.WorkloadRoleArns.Value);
    expect(sent.WorkloadRoleArns['Fn::Sub']).toContain('${WorkloadRoleapi.Arn}');
    expect(sent.WorkloadInstanceProfileArns).toEqual(whole.Outputs.WorkloadInstanceProfileArns.Value);
  });

  test('sends the customer id in the OIDC form, and a token of the stack region as Fn::Sub', () => {
    const oidc = template(OIDC_SPEC);
    expect(oidc.Resources.Registration.Properties).toMatchObject({
      ServiceToken: { 'Fn::Sub': 'arn:aws:lambda:${AWS::Region}:210987654321:function:alien-register' },
      CustomerId: { Ref: 'CustomerId' },
    });
    expect(oidc.Resources.Registration.Properties.ExternalId).toBeUndefined();
    expect(proveValid(oidc)).toBeUndefined();
  });

  test('is not there without registration in the spec', () => {
    expect(customResources(template(VALID_SPEC))).toEqual([]);
    expect(JSON.stringify(template(VALID_SPEC))).not.toMatch(/ServiceToken/);
  });

  test('is proven valid, and the proof refuses what this tool never writes', () => {
    expect(proveValid(t)).toBeUndefined();
    const changed = (change: (c: any) => void) => {
      const copy = JSON.parse(JSON.stringify(t));
      change(copy);
      return proveValid(copy);
    };
    expect(changed((c) => (c.Resources.Registration.Properties.ServiceToken = 'arn:aws:sqs:us-east-1:210987654321:q'))).toMatch(
      /ServiceToken/,
    );
    expect(changed((c) => (c.Resources.Registration.Properties.ServiceTimeout = 3601))).toMatch(
      /ServiceTimeout: not a whole number of seconds from 1 to 3,600/,
    );
    expect(changed((c) => (c.Resources.Registration.Properties.Extra = 'x'))).toMatch(/Extra: not a key this tool emits/);
    expect(changed((c) => (c.Resources.Registration.DependsOn = ['Nothing']))).toMatch(/Nothing is not another resource/);
    expect(changed((c) => (c.Resources.Registration.DependsOn = ['TrustRole']))).toMatch(/TrustRole is already read by Registration/);
    expect(changed((c) => (c.Resources.Permissions1.DependsOn = ['Registration']))).toMatch(/circular reference/);
    expect(
      changed((c) => (c.Resources.Registration.Properties.ServiceToken = { 'Fn::Sub': 'arn:aws:sns:${ResourcePrefix}:210987654321:t' })),
    ).toMatch(/ServiceToken/);
  });
});

describe('registration in the spec', () => {
  const withToken = (token: string) => `${VALID_SPEC}registration:\n  aws:\n    serviceToken: "${token}"\n`;

  test.each([
    'arn:aws:sns:eu-west-1:210987654321:alien-registrations',
    'arn:aws:lambda:us-east-1:210987654321:function:alien-register',
    'arn:aws:sns:${AWS::Region}:210987654321:alien',
  ])('takes %s', (token) => {
    expect(specProblems(withToken(token))).toEqual([]);
  });

  test.each([
    'arn:aws:sqs:eu-west-1:210987654321:queue',
    'arn:aws:sns:eu-west-1:2109876543:topic',
    'arn:aws:lambda:us-east-1:210987654321:alien-register',
    'arn:aws:sns:${ResourcePrefix}:210987654321:t',
    'https://vendor.example/register',
  ])('refuses %s in one line naming the field', (token) => {
    const problems = specProblems(withToken(token));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/registration\.aws\.serviceToken.*an SNS topic or Lambda function ARN/);
  });

  test('refuses registration.aws when the spec has no AWS template', () => {
    const problems = specProblems(
      withToken('arn:aws:sns:eu-west-1:210987654321:alien').replace('permissions:', 'clouds: [gcp, azure]\npermissions:'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/registration\.aws.*clouds does not include aws/);
  });

  test('refuses an unknown key under registration', () => {
    expect(specProblems(`${VALID_SPEC}registration:\n  gcp: {}\n`).join('\n')).toMatch(/registration/);
  });
});

describe('the permissions review', () => {
  test('says the stack notifies the vendor, and exactly what it sends', () => {
    const review = permissionsReview(modelFromText(REGISTRATION_SPEC));
    expect(review).toMatch(
      /\*\*The stack notifies the vendor\*\*.*`Custom::AlienRegistration`.*SNS topic `arn:aws:sns:us-east-1:210987654321:alien-registrations`/,
    );
    for (const sent of ['`RoleArn`', '`ResourcePrefix`', '`ExternalId`', '`TemplateName` `acme-app`', '`TemplateVersion` `1.2.3`'])
      expect(review).toContain(sent);
    expect(review).toMatch(/\*\*You send back\*\*: nothing/);
    expect(permissionsReview(modelFromText(VALID_SPEC))).not.toMatch(/notifies the vendor/);
  });
});
