import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AWS_APP_CONTEXT, addTrustRoleStack } from '../../lib/aws/synth-aws';
import { AWS_LIMITS } from '../../lib/aws/permission-policies';
import { AWS_IAM_PATH, awsPolicyDescription, RESOURCE_PREFIX } from '../../lib/core/names';
import { FIXTURE_NAMES, modelOf } from '../support/fixtures';

function templateOf(fixture: string): Template {
  const app = new App({ analyticsReporting: false, postCliContext: AWS_APP_CONTEXT });
  return Template.fromStack(addTrustRoleStack(app, modelOf(fixture, ['aws'])));
}

const full = templateOf('full');
/** The management role's policies (the workload roles' are WorkloadPermissions…, test/aws/workload-identities.test.ts). */
const policies = () =>
  Object.entries(full.findResources('AWS::IAM::ManagedPolicy'))
    .filter(([id]) => id.startsWith('Permissions'))
    .map(([, policy]) => policy);

describe('the trust policy', () => {
  test("allows sts:AssumeRole only to the vendor's role, only with the external id", () => {
    full.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: 'arn:aws:iam::210987654321:role/alien/alien-control-plane' },
            Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
          },
        ],
      },
    });
  });

  test('names no account root and no wildcard principal', () => {
    const text = JSON.stringify(full.findResources('AWS::IAM::Role'));
    expect(text).not.toMatch(/:root"|"\*"|"AWS":\s*"\d{12}"/);
  });

  test('takes the session length from the spec', () => {
    full.hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 3600 });
    templateOf('aws-only').hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 7200 });
  });

  test("trusts the aws-only fixture's own managing role", () => {
    templateOf('aws-only').hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { AWS: 'arn:aws:iam::123456789012:role/billing-control' } })] },
    });
  });

  test('names the role from prefix, product and region, under a path no grant can reach', () => {
    full.hasResourceProperties('AWS::IAM::Role', {
      RoleName: { 'Fn::Sub': '${ResourcePrefix}-alien-app-${AWS::Region}' },
      Path: AWS_IAM_PATH,
    });
  });
});

describe('the parameters', () => {
  test('ExternalId accepts exactly what STS accepts and has no default', () => {
    full.hasParameter('ExternalId', {
      Type: 'String',
      MinLength: 2,
      MaxLength: 1224,
      AllowedPattern: '^[A-Za-z0-9_+=,.@:/-]+$',
      Default: Match.absent(),
    });
    const pattern = new RegExp(full.toJSON().Parameters.ExternalId.AllowedPattern);
    expect(pattern.test('vendor-1234+a=b,c.d@e:f/g_h')).toBe(true);
    expect(pattern.test('has space')).toBe(false);
    expect(pattern.test('ünïcode')).toBe(false);
  });

  test('ResourcePrefix uses the shared prefix rule', () => {
    full.hasParameter('ResourcePrefix', { Type: 'String', AllowedPattern: RESOURCE_PREFIX.pattern, MaxLength: RESOURCE_PREFIX.maxLength });
  });

  test('labels and groups both for the console form', () => {
    const iface = full.toJSON().Metadata['AWS::CloudFormation::Interface'];
    expect(iface.ParameterGroups[0].Parameters).toEqual(['ExternalId', 'ResourcePrefix']);
    expect(Object.keys(iface.ParameterLabels).sort()).toEqual(['ExternalId', 'ResourcePrefix']);
  });
});

describe('the permission policies', () => {
  test('are named like the role with a part number, under the same path, with a description no version can reword', () => {
    for (const [i, policy] of policies().entries()) {
      expect(policy.Properties).toMatchObject({
        ManagedPolicyName: { 'Fn::Sub': `\${ResourcePrefix}-alien-app-\${AWS::Region}-${i + 1}` },
        Path: AWS_IAM_PATH,
        Description: awsPolicyDescription(i + 1),
      });
      expect(policy.Properties.Description).not.toContain('alien-app');
    }
  });

  test('are customer-managed policies attached to the role, at most 10', () => {
    expect(policies().length).toBeGreaterThan(0);
    expect(policies().length).toBeLessThanOrEqual(AWS_LIMITS.policiesPerRole);
    for (const policy of policies()) expect(policy.Properties.Roles).toEqual([{ Ref: 'TrustRole' }]);
    expect(full.findResources('AWS::IAM::Policy')).toEqual({});
  });

  test('grant no wildcard action', () => {
    const actions = policies().flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
    expect(actions.length).toBeGreaterThan(20);
    for (const action of actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
  });

  test('scope every ARN to the resource prefix', () => {
    const resources = policies().flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Resource].flat()));
    for (const resource of resources) {
      if (resource === '*') continue;
      expect(resource['Fn::Sub']).toContain('${ResourcePrefix}-');
    }
  });

  test('use Resource "*" only for actions that support no resource type', () => {
    const star = policies()
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Resource === '*')
      .flatMap((s: any) => [s.Action].flat());
    expect(star.sort()).toEqual([
      'cloudwatch:GetMetricStatistics',
      'ecr:GetAuthorizationToken',
      'ecs:DescribeTaskDefinition',
      'logs:StopQuery',
    ]);
  });

  test('carry conditions from the spec', () => {
    templateOf('custom-sets').hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${ResourcePrefix}-reports/*' },
            Condition: { StringEquals: { 's3:ResourceAccount': { 'Fn::Sub': '${AWS::AccountId}' } } },
          },
        ]),
      },
    });
  });
});

describe('the template', () => {
  test('is standalone: no bootstrap parameter or rule, no CDK metadata', () => {
    const json = full.toJSON();
    expect(json.Parameters.BootstrapVersion).toBeUndefined();
    expect(json.Rules).toBeUndefined();
    expect(json.Conditions).toBeUndefined();
    expect(full.findResources('AWS::CDK::Metadata')).toEqual({});
    expect(JSON.stringify(json)).not.toContain('aws:cdk:path');
  });

  test('outputs the role ARN', () => {
    full.hasOutput('RoleArn', { Value: { 'Fn::GetAtt': ['TrustRole', 'Arn'] } });
  });

  test.each(FIXTURE_NAMES)('matches the reviewed snapshot for %s', (fixture) => {
    expect(templateOf(fixture).toJSON()).toMatchSnapshot();
  });
});

describe("the contract the vendor's manager relies on", () => {
  const template = JSON.parse(
    require('../../lib/output/generate').generateTemplates(require('../support/fixtures').modelOf('full')).get('aws/template.json'),
  );
  const statements = Object.values<any>(template.Resources)
    .filter((r) => r.Type === 'AWS::IAM::ManagedPolicy')
    .flatMap((p) => p.Properties.PolicyDocument.Statement);

  test('the role reads itself, by its full name under /alientrust/, and nothing else of IAM that way', () => {
    const self = statements.filter(
      (s) => [s.Action].flat().includes('iam:GetRole') && JSON.stringify(s.Resource).includes('role/alientrust/'),
    );
    expect(self).toHaveLength(1);
    expect(self[0].Resource).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/alientrust/${ResourcePrefix}-alien-app-${AWS::Region}',
    });
    expect([self[0].Action].flat()).toEqual(['iam:GetRole']);
  });

  test('the outputs carry the role ARN, the account, the region and the release', () => {
    // With workloadIdentities (full has two, one EC2 runs as): their roles and instance profiles too.
    expect(Object.keys(template.Outputs).sort()).toEqual([
      'AccountId',
      'Region',
      'RoleArn',
      'Template',
      'WorkloadInstanceProfileArns',
      'WorkloadRoleArns',
    ]);
    expect(template.Outputs.Template.Value).toBe('alien-app@1.0.0');
  });
});
