import { synthAws } from '../../../lib/aws/synth-aws';
import { patternCharacters, rangesWithin } from '../../../lib/aws/validation/pattern-characters';
import { proveValid } from '../../../lib/aws/validation/prove-valid';
import { modelOf } from '../../support/fixtures';

const base = synthAws(modelOf('aws-only', ['aws'])) as any;

/** The template after `change`, which edits a copy. */
function changed(change: (t: any) => void): any {
  const copy = JSON.parse(JSON.stringify(base));
  change(copy);
  return copy;
}

const role = (t: any) => t.Resources.TrustRole.Properties;
const policy = (t: any) => t.Resources.Permissions1.Properties;
const statement = (t: any) => policy(t).PolicyDocument.Statement[0];

describe('proveValid', () => {
  test('proves the template this tool emits', () => {
    expect(proveValid(base)).toBeUndefined();
  });

  test.each<[string, (t: any) => void, RegExp]>([
    [
      'a resource type this tool never emits',
      (t) => (t.Resources.Bucket = { Type: 'AWS::S3::Bucket', Properties: {} }),
      /Resources\.Bucket\.Type: not a type this tool emits/,
    ],
    [
      'an intrinsic function this tool never writes',
      (t) => (role(t).Description = { 'Fn::Join': ['', ['a']] }),
      /Fn::Join is not an intrinsic function this tool writes/,
    ],
    [
      'Fn::Sub with a variable map',
      (t) => (role(t).RoleName = { 'Fn::Sub': ['${A}', { A: 'x' }] }),
      /Fn::Sub in a form this tool never writes/,
    ],
    ['a `${` outside Fn::Sub', (t) => (role(t).Description = 'costs ${ResourcePrefix}'), /Description: a literal holding \$\{/],
    [
      'a reference to nothing',
      (t) => (statement(t).Resource = { 'Fn::Sub': 'arn:aws:s3:::${Nothing}' }),
      /Nothing is not a parameter, pseudo parameter or resource/,
    ],
    [
      'an attribute the type does not have',
      (t) => (t.Outputs.RoleArn.Value = { 'Fn::GetAtt': ['TrustRole', 'Name'] }),
      /AWS::IAM::Role has no string attribute Name/,
    ],
    ['a parameter nothing reads', (t) => (t.Parameters.Spare = { Type: 'String' }), /Spare: declared but never read/],
    [
      'a Default the parameter does not admit',
      (t) => (t.Parameters.ResourcePrefix.Default = 'Has-Capitals'),
      /ResourcePrefix\.Default: not a value the parameter admits/,
    ],
    ['a null MinLength', (t) => (t.Parameters.ResourcePrefix.MinLength = null), /ResourcePrefix\.MinLength: not a whole number/],
    ['an empty Default the pattern does not admit', (t) => (t.Parameters.ResourcePrefix.Default = ''), /not a value the parameter admits/],
    [
      'a role name that may exceed 64 characters',
      (t) => (role(t).RoleName = { 'Fn::Sub': `${'n'.repeat(40)}-\${ResourcePrefix}` }),
      /may reach 65 characters, over 64/,
    ],
    [
      'a role name reading a parameter of other characters',
      (t) => {
        t.Parameters.ExternalId.MaxLength = 10;
        role(t).RoleName = { 'Fn::Sub': 'r-${ExternalId}-${ResourcePrefix}' };
      },
      /RoleName.*reads a value whose characters may fall outside/,
    ],
    [
      'a role name reading a parameter of unknown length',
      (t) => (role(t).RoleName = { 'Fn::Sub': 'r-${ExternalId}' }),
      /RoleName.*may reach 1226 characters, over 64/,
    ],
    ['a description outside Latin-1', (t) => (role(t).Description = 'Assumed by … the vendor'), /Description: a character outside/],
    ['a session longer than 12 hours', (t) => (role(t).MaxSessionDuration = 43201), /MaxSessionDuration: not a whole number/],
    ['a path with an empty segment', (t) => (policy(t).Path = '/alientrust//'), /Path: not an IAM path/],
    ['a wildcard action', (t) => (statement(t).Action = '*'), /"\*" is not a service action/],
    [
      'a repeated action',
      (t) => (statement(t).Action = ['logs:GetLogEvents', 'logs:GetLogEvents']),
      /not a non-empty list of distinct actions/,
    ],
    ['a resource that is not an ARN', (t) => (statement(t).Resource = 'bucket'), /Resource: does not match/],
    [
      'an unknown condition operator',
      (t) => (statement(t).Condition = { StringEqualz: { 'aws:ResourceTag/x': 'y' } }),
      /StringEqualz: not an IAM condition operator/,
    ],
    [
      'a Null condition that is not true or false',
      (t) => (statement(t).Condition = { Null: { 'aws:ResourceTag/x': 'maybe' } }),
      /not "true" or "false"/,
    ],
    [
      'an intrinsic in place of a condition key',
      (t) => (statement(t).Condition = { StringLike: { 'Fn::GetAtt': ['TrustRole', 'Arn'] } }),
      /Fn::GetAtt: not a condition key/,
    ],
    ['a principal in a managed policy', (t) => (statement(t).Principal = { AWS: '*' }), /Principal: not a key this tool emits/],
    [
      'a trust in an action other than STS',
      (t) => (role(t).AssumeRolePolicyDocument.Statement[0].Action = 's3:GetObject'),
      /s3:GetObject in a trust policy/,
    ],
    ['a trust in everyone', (t) => (role(t).AssumeRolePolicyDocument.Statement[0].Principal = { AWS: '*' }), /not a role or account ARN/],
    ['an undeclared condition', (t) => (t.Resources.Permissions1.Condition = 'Never'), /Permissions1\.Condition: not a declared condition/],
    [
      'a circular reference',
      (t) => (role(t).AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['sts:ExternalId'] = { Ref: 'Permissions1' }),
      /circular reference TrustRole → Permissions1 → TrustRole/,
    ],
    ['a section this tool never writes', (t) => (t.Mappings = {}), /Mappings: not a key this tool emits/],
  ])('does not prove %s', (_, change, reason) => {
    expect(proveValid(changed(change))).toMatch(reason);
  });

  test('proves a conditional resource read only under its condition', () => {
    const oidc = { ...base, Conditions: { Create: { 'Fn::Equals': [{ Ref: 'ResourcePrefix' }, 'abc'] } } };
    oidc.Resources = {
      ...base.Resources,
      Provider: {
        Type: 'AWS::IAM::OIDCProvider',
        Condition: 'Create',
        Properties: { Url: 'https://oidc.example.com', ClientIdList: ['a'] },
      },
    };
    const reading = (value: unknown) => {
      const t = JSON.parse(JSON.stringify(oidc));
      t.Outputs.Provider = { Value: value };
      return proveValid(t);
    };
    expect(reading({ 'Fn::If': ['Create', { Ref: 'Provider' }, 'none'] })).toBeUndefined();
    expect(reading({ 'Fn::If': ['Create', 'none', { Ref: 'Provider' }] })).toMatch(/Provider exists only under condition Create/);
    expect(reading({ Ref: 'Provider' })).toMatch(/Provider exists only under condition Create/);
  });

  test('does not prove a `${` in an OIDC provider URL', () => {
    const t = {
      ...base,
      Resources: {
        ...base.Resources,
        Provider: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://oidc.example.com/${AWS::Region}' } },
      },
    };
    expect(proveValid(t)).toMatch(/Provider\.Properties\.Url: not an https URL/);
  });

  test('does not prove a condition that is always false', () => {
    const t = { ...base, Conditions: { Never: { 'Fn::Equals': [{ Ref: 'ResourcePrefix' }, 'Has-Capitals'] } } };
    t.Outputs = { ...base.Outputs, Maybe: { Condition: 'Never', Value: 'x' } };
    expect(proveValid(t)).toMatch(/Has-Capitals is not a value ResourcePrefix admits/);
  });
});

describe('patternCharacters', () => {
  test('reads the characters of the patterns this tool writes', () => {
    const ranges = patternCharacters('^[a-z][a-z0-9]{0,23}$');
    expect(ranges).toBeDefined();
    expect(rangesWithin(ranges!, /^[a-z0-9]$/)).toBe(true);
    expect(rangesWithin(ranges!, /^[a-z]$/)).toBe(false);
    expect(rangesWithin(patternCharacters('^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$')!, /^[\w-]$/)).toBe(true);
    expect(rangesWithin(patternCharacters('^[A-Za-z0-9_+=,.@:/-]+$')!, /^[\w+=,.@-]$/)).toBe(false);
    expect(rangesWithin(patternCharacters('^\\d{12}$')!, /^[0-9]$/)).toBe(true);
  });

  test('gives up on forms it does not read', () => {
    for (const pattern of ['^.+$', '^[^a]$', '^\\s$', '^(?=a)a$', '^[a-z']) expect(patternCharacters(pattern)).toBeUndefined();
  });
});
