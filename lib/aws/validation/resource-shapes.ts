import { NAME_LIMITS } from '../../core/names';
import { child, expect, expectKeys, isObject } from './not-proven';
import { expectIdentityPolicy, expectTrustPolicy } from './policy-documents';
import type { ResourceType, StringRule } from './template-scope';
import type { ValueReader } from './value-reader';

/*
 * The properties of each resource type this tool emits, with the constraints of its
 * CloudFormation resource provider schema (AWS::IAM::Role, AWS::IAM::ManagedPolicy,
 * AWS::IAM::InstanceProfile and AWS::IAM::OIDCProvider in the CloudFormation resource type
 * reference), and IAM's own name
 * rules where the schema is looser ("IAM and AWS STS quotas", "IAM identifiers").
 */

/** Descriptions: tab, line breaks and Latin-1 printable characters, at most 1,000. */
const DESCRIPTION: StringRule = { maxLength: 1000, character: /^[\t\n\r\x20-\x7E\xA1-\xFF]$/ };
/** IAM role and policy names. */
const IAM_NAME_CHARACTER = /^[\w+=,.@-]$/;
const ROLE_NAME: StringRule = { minLength: 1, maxLength: NAME_LIMITS.awsRoleName, character: IAM_NAME_CHARACTER };
const POLICY_NAME: StringRule = { minLength: 1, maxLength: NAME_LIMITS.awsPolicyName, character: IAM_NAME_CHARACTER };
const INSTANCE_PROFILE_NAME: StringRule = { minLength: 1, maxLength: NAME_LIMITS.awsInstanceProfileName, character: IAM_NAME_CHARACTER };
/** IAM tags: keys of 1 to 128 and values of up to 256 letters, digits, spaces and _.:/=+-@, at most 50. */
const TAG_CHARACTER = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]$/u;
const TAG_KEY: StringRule = { minLength: 1, maxLength: 128, character: TAG_CHARACTER };
const TAG_VALUE: StringRule = { maxLength: 256, character: TAG_CHARACTER };

function tags(value: unknown, at: string, reader: ValueReader): void {
  expect(Array.isArray(value) && value.length <= 50, at, 'not a list of at most 50 tags');
  const keys = new Set<unknown>();
  value.forEach((tag, i) => {
    const where = child(at, i);
    expectKeys(tag, where, ['Key', 'Value'], ['Key', 'Value']);
    expect(typeof tag.Key === 'string' && !keys.has(tag.Key), child(where, 'Key'), 'not a literal key, or a key given twice');
    keys.add(tag.Key);
    reader.string(tag.Key, child(where, 'Key'), TAG_KEY);
    reader.string(tag.Value, child(where, 'Value'), TAG_VALUE);
  });
}

/**
 * An IAM path: `/`, or segments of name characters each between slashes; at most 512. A literal,
 * or an Fn::Sub of one reading the prefix (a workload role's `/alien-workload/<prefix>/`).
 */
const PATH: StringRule = { maxLength: 512, character: /^[\w+=,.@/-]$/, pattern: /^(\/[\w+=,.@-]+)*\/$/ };

function path(value: unknown, at: string, reader: ValueReader): void {
  if (typeof value === 'string') expect(value.length <= 512 && PATH.pattern!.test(value), at, 'not an IAM path');
  else reader.string(value, at, PATH);
}

function role(properties: Record<string, unknown>, at: string, reader: ValueReader): void {
  expectKeys(
    properties,
    at,
    ['AssumeRolePolicyDocument', 'Description', 'MaxSessionDuration', 'Path', 'RoleName', 'Tags'],
    ['AssumeRolePolicyDocument'],
  );
  if ('Tags' in properties) tags(properties.Tags, child(at, 'Tags'), reader);
  expectTrustPolicy(properties.AssumeRolePolicyDocument, child(at, 'AssumeRolePolicyDocument'), reader);
  if ('Description' in properties) reader.string(properties.Description, child(at, 'Description'), DESCRIPTION);
  if ('MaxSessionDuration' in properties) {
    const seconds = properties.MaxSessionDuration;
    expect(
      Number.isInteger(seconds) && (seconds as number) >= 3600 && (seconds as number) <= 43200,
      child(at, 'MaxSessionDuration'),
      'not a whole number of seconds from 3,600 to 43,200',
    );
  }
  if ('Path' in properties) path(properties.Path, child(at, 'Path'), reader);
  if ('RoleName' in properties) reader.string(properties.RoleName, child(at, 'RoleName'), ROLE_NAME);
}

/** An instance profile holds exactly one role (IAM's quota), named by Ref to a role of the template. */
function instanceProfile(properties: Record<string, unknown>, at: string, reader: ValueReader): void {
  expectKeys(properties, at, ['InstanceProfileName', 'Path', 'Roles'], ['Roles']);
  if ('InstanceProfileName' in properties)
    reader.string(properties.InstanceProfileName, child(at, 'InstanceProfileName'), INSTANCE_PROFILE_NAME);
  if ('Path' in properties) path(properties.Path, child(at, 'Path'), reader);
  const roles = properties.Roles;
  expect(Array.isArray(roles) && roles.length === 1, child(at, 'Roles'), 'not a list of exactly one role');
  reader.string(roles[0], child(child(at, 'Roles'), 0), typeof roles[0] === 'string' ? ROLE_NAME : {});
}

function managedPolicy(properties: Record<string, unknown>, at: string, reader: ValueReader): void {
  expectKeys(properties, at, ['Description', 'ManagedPolicyName', 'Path', 'PolicyDocument', 'Roles'], ['PolicyDocument']);
  expectIdentityPolicy(properties.PolicyDocument, child(at, 'PolicyDocument'), reader);
  if ('Description' in properties) reader.string(properties.Description, child(at, 'Description'), DESCRIPTION);
  if ('ManagedPolicyName' in properties) reader.string(properties.ManagedPolicyName, child(at, 'ManagedPolicyName'), POLICY_NAME);
  if ('Path' in properties) path(properties.Path, child(at, 'Path'), reader);
  if ('Roles' in properties) {
    const roles = properties.Roles;
    const where = child(at, 'Roles');
    expect(Array.isArray(roles) && roles.length > 0, where, 'not a non-empty list');
    expect(new Set(roles.map((r) => JSON.stringify(r))).size === roles.length, where, 'a role named twice');
    roles.forEach((r, i) => reader.string(r, child(where, i), typeof r === 'string' ? ROLE_NAME : {}));
  }
}

function oidcProvider(properties: Record<string, unknown>, at: string): void {
  expectKeys(properties, at, ['ClientIdList', 'Url'], ['Url']);
  const url = properties.Url;
  expect(
    typeof url === 'string' && url.length <= 255 && /^https:\/\/[\x21-\x7E]+$/.test(url) && !url.includes('${'),
    child(at, 'Url'),
    'not an https URL of at most 255 characters',
  );
  if ('ClientIdList' in properties) {
    const ids = properties.ClientIdList;
    const where = child(at, 'ClientIdList');
    expect(
      Array.isArray(ids) && ids.length > 0 && ids.length <= 100 && new Set(ids).size === ids.length,
      where,
      'not a list of 1 to 100 distinct client ids',
    );
    for (const id of ids)
      expect(
        typeof id === 'string' && id.length >= 1 && id.length <= 255 && !id.includes('${'),
        where,
        'not a client id of 1 to 255 characters',
      );
  }
}

/**
 * The registration custom resource (lib/aws/registration.ts): an SNS topic or Lambda function ARN, a
 * ServiceTimeout of 1 to 3,600 seconds, and the string properties it sends the vendor.
 */
function registration(properties: Record<string, unknown>, at: string, reader: ValueReader): void {
  const sent = [
    'RoleArn',
    'ResourcePrefix',
    'ExternalId',
    'CustomerId',
    'TemplateName',
    'TemplateVersion',
    'WorkloadRoleArns',
    'WorkloadInstanceProfileArns',
  ];
  expectKeys(properties, at, ['ServiceToken', 'ServiceTimeout', ...sent], ['ServiceToken']);
  // A literal ARN, or an Fn::Sub of one reading only the region (matched with a sample region).
  const token = properties.ServiceToken;
  const sub = typeof token === 'object' && token !== null && 'Fn::Sub' in token ? (token as Record<string, unknown>)['Fn::Sub'] : undefined;
  expect(
    typeof token === 'string' || (typeof sub === 'string' && sub.replaceAll('${AWS::Region}', '').indexOf('${') < 0),
    child(at, 'ServiceToken'),
    'not an ARN, or an Fn::Sub reading other than the region',
  );
  reader.string(token, child(at, 'ServiceToken'), {
    pattern: /^arn:aws:(?:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}|lambda:[a-z0-9-]+:\d{12}:function:[\w-]{1,64})$/,
  });
  if ('ServiceTimeout' in properties) {
    const seconds = properties.ServiceTimeout;
    expect(
      Number.isInteger(seconds) && (seconds as number) >= 1 && (seconds as number) <= 3600,
      child(at, 'ServiceTimeout'),
      'not a whole number of seconds from 1 to 3,600',
    );
  }
  for (const key of sent) if (key in properties) reader.string(properties[key], child(at, key));
}

/** Checks one resource's Properties against its type. */
export function expectResourceProperties(type: ResourceType, properties: unknown, at: string, reader: ValueReader): void {
  expect(isObject(properties), at, 'not an object');
  if (type === 'AWS::IAM::Role') role(properties, at, reader);
  else if (type === 'AWS::IAM::ManagedPolicy') managedPolicy(properties, at, reader);
  else if (type === 'Custom::AlienRegistration') registration(properties, at, reader);
  else if (type === 'AWS::IAM::InstanceProfile') instanceProfile(properties, at, reader);
  else oidcProvider(properties, at);
}
