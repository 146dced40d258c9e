import { child, expect, expectKeys, isObject } from './not-proven';
import type { ValueReader } from './value-reader';

/**
 * IAM condition operators (IAM User Guide, "IAM JSON policy elements: Condition operators"),
 * with the set qualifiers and the IfExists suffix.
 */
const CONDITION_OPERATOR =
  /^(ForAnyValue:|ForAllValues:)?(String(Not)?Equals(IgnoreCase)?|String(Not)?Like|Numeric(Not)?Equals|Numeric(Less|Greater)Than(Equals)?|Date(Not)?Equals|Date(Less|Greater)Than(Equals)?|Bool|BinaryEquals|(Not)?IpAddress|Arn(Not)?Equals|Arn(Not)?Like)(IfExists)?$/;
/**
 * A condition key: a service prefix (or an OIDC issuer's host and path), one colon and a name,
 * with tag and path segments; never an intrinsic function's name such as `Fn::GetAtt`.
 */
const CONDITION_KEY = /^[A-Za-z0-9./-]+:[A-Za-z0-9_./-][A-Za-z0-9_./:-]*$/;
/** A service action, never a wildcard service or a bare `*` (the catalog grants none). */
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;
/** An ARN as the validator reads a policy's Resource: partition, service, region, account. */
const RESOURCE_ARN = /^arn:aws(-cn|-us-gov)?:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:.+$/;
/** A principal this tool names: a role (with its path) or an account root, in any partition. */
const AWS_PRINCIPAL = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(root|role\/[\w+=,.@/-]{1,512})$/;
const TRUST_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'];
/** An AWS service principal, as a workload role's trust names it (lib/model/workload-services.ts). */
const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;

/** A policy's Version and its non-empty list of statements. */
function statements(document: unknown, at: string): { at: string; statement: unknown }[] {
  expectKeys(document, at, ['Version', 'Statement'], ['Version', 'Statement']);
  expect(document.Version === '2012-10-17', child(at, 'Version'), 'not 2012-10-17');
  const list = document.Statement;
  expect(Array.isArray(list) && list.length > 0, child(at, 'Statement'), 'not a non-empty list');
  const sids = new Set<unknown>();
  return list.map((statement, i) => {
    const where = child(child(at, 'Statement'), i);
    if (isObject(statement) && 'Sid' in statement) {
      expect(
        typeof statement.Sid === 'string' && /^[A-Za-z0-9]+$/.test(statement.Sid) && !sids.has(statement.Sid),
        child(where, 'Sid'),
        'not a unique alphanumeric Sid',
      );
      sids.add(statement.Sid);
    }
    return { at: where, statement };
  });
}

function effect(value: unknown, at: string): void {
  expect(value === 'Allow' || value === 'Deny', at, 'not Allow or Deny');
}

/** One action, or a non-empty list of distinct ones, each from `allowed` when given. */
function actions(value: unknown, at: string, allowed?: readonly string[]): void {
  const list = Array.isArray(value) ? value : [value];
  expect(list.length > 0 && new Set(list).size === list.length, at, 'not a non-empty list of distinct actions');
  for (const action of list) {
    expect(typeof action === 'string' && ACTION.test(action), at, `${JSON.stringify(action)} is not a service action`);
    if (allowed) expect(allowed.includes(action), at, `${action} in a trust policy`);
  }
}

function resources(value: unknown, at: string, reader: ValueReader): void {
  if (value === '*') return;
  const list = Array.isArray(value) ? value : [value];
  expect(list.length > 0, at, 'an empty list');
  list.forEach((resource, i) => {
    if (resource === '*') return;
    reader.string(resource, Array.isArray(value) ? child(at, i) : at, { pattern: RESOURCE_ARN });
  });
}

function conditions(value: unknown, at: string, reader: ValueReader): void {
  expect(isObject(value) && Object.keys(value).length > 0, at, 'not a non-empty object');
  for (const [operator, keys] of Object.entries(value)) {
    const where = child(at, operator);
    const isNull = operator === 'Null';
    expect(isNull || CONDITION_OPERATOR.test(operator), where, 'not an IAM condition operator');
    const isBool = /^(ForAnyValue:|ForAllValues:)?Bool/.test(operator);
    expect(isObject(keys) && Object.keys(keys).length > 0, where, 'not a non-empty object');
    for (const [key, values] of Object.entries(keys)) {
      const keyAt = child(where, key);
      expect(CONDITION_KEY.test(key), keyAt, 'not a condition key');
      const list = Array.isArray(values) ? values : [values];
      expect(list.length > 0, keyAt, 'an empty list');
      for (const v of list) {
        if (isNull || isBool) expect(v === 'true' || v === 'false', keyAt, 'not "true" or "false"');
        else reader.string(v, keyAt);
      }
    }
  }
}

/** A customer-managed policy: statements of Effect, Action, Resource and Condition. */
export function expectIdentityPolicy(document: unknown, at: string, reader: ValueReader): void {
  for (const { at: where, statement } of statements(document, at)) {
    expectKeys(statement, where, ['Sid', 'Effect', 'Action', 'Resource', 'Condition'], ['Effect', 'Action', 'Resource']);
    effect(statement.Effect, child(where, 'Effect'));
    actions(statement.Action, child(where, 'Action'));
    resources(statement.Resource, child(where, 'Resource'), reader);
    if ('Condition' in statement) conditions(statement.Condition, child(where, 'Condition'), reader);
  }
}

/**
 * A role's trust policy: the vendor's role (AWS), an OIDC provider (Federated, which may be
 * chosen by Fn::If between the stack's provider and one the customer names), or, for a workload
 * role, AWS services (one, or a non-empty list of distinct ones).
 */
export function expectTrustPolicy(document: unknown, at: string, reader: ValueReader): void {
  for (const { at: where, statement } of statements(document, at)) {
    expectKeys(statement, where, ['Sid', 'Effect', 'Action', 'Principal', 'Condition'], ['Effect', 'Action', 'Principal']);
    effect(statement.Effect, child(where, 'Effect'));
    actions(statement.Action, child(where, 'Action'), TRUST_ACTIONS);
    const principal = statement.Principal;
    const principalAt = child(where, 'Principal');
    expect(isObject(principal) && Object.keys(principal).length === 1, principalAt, 'not one kind of principal');
    if ('AWS' in principal) {
      expect(
        typeof principal.AWS === 'string' && AWS_PRINCIPAL.test(principal.AWS),
        child(principalAt, 'AWS'),
        'not a role or account ARN',
      );
    } else if ('Service' in principal) {
      const services = Array.isArray(principal.Service) ? principal.Service : [principal.Service];
      expect(
        services.length > 0 &&
          new Set(services).size === services.length &&
          services.every((s) => typeof s === 'string' && SERVICE_PRINCIPAL.test(s)),
        child(principalAt, 'Service'),
        'not a service principal, or a non-empty list of distinct ones',
      );
    } else {
      expect('Federated' in principal, principalAt, 'neither AWS, Service nor Federated');
      reader.string(principal.Federated, child(principalAt, 'Federated'), {}, true);
    }
    if ('Condition' in statement) conditions(statement.Condition, child(where, 'Condition'), reader);
  }
}
