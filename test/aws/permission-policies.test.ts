import { AWS_LIMITS, mergeStatements, packPolicies, policySize } from '../../lib/aws/permission-policies';
import { LimitError } from '../../lib/core/limit-error';
import type { AwsStatement, PermissionSet, Template } from '../../lib/model/trust-model';

const bucket: Template = [{ text: 'arn:' }, { variable: 'partition' }, { text: ':s3:::' }, { variable: 'prefix' }, { text: '-*' }];
const objects: Template = [...bucket, { text: '/*' }];

function set(id: string, aws: AwsStatement[]): PermissionSet {
  return { id, description: id, origin: 'custom', aws, unsupported: {}, contentRead: false, refuses: [] };
}

describe('mergeStatements', () => {
  test('merges actions of statements with the same resources and sorts them', () => {
    const merged = mergeStatements([
      set('a/b', [{ actions: ['s3:PutObject'], resources: [objects] }]),
      set('c/d', [
        { actions: ['s3:GetObject', 's3:PutObject'], resources: [objects] },
        { actions: ['s3:ListBucket'], resources: [bucket] },
      ]),
    ]);
    expect(merged.map((s) => s.actions)).toEqual([['s3:GetObject', 's3:PutObject'], ['s3:ListBucket']]);
  });

  test('keeps statements with different conditions apart, so no grant widens', () => {
    const condition = { StringEquals: { 'aws:ResourceAccount': [{ variable: 'account' }] as Template } };
    const merged = mergeStatements([
      set('a/b', [{ actions: ['s3:PutObject'], resources: [objects], conditions: condition }]),
      set('c/d', [{ actions: ['s3:GetObject'], resources: [objects] }]),
    ]);
    expect(merged).toHaveLength(2);
  });
});

describe('packPolicies', () => {
  /** n distinct statements of a known size. */
  const statements = (n: number): AwsStatement[] =>
    Array.from({ length: n }, (_, i) => ({
      actions: [`s3:Action${String(i).padStart(4, '0')}`],
      resources: [[{ text: `arn:aws:s3:::bucket-${'x'.repeat(200)}-${i}` }]],
    }));

  test('fills each policy up to the IAM size limit, measured with the longest variable values', () => {
    const packed = packPolicies(statements(60));
    expect(packed.length).toBeGreaterThan(1);
    for (const policy of packed) expect(policySize(policy)).toBeLessThanOrEqual(AWS_LIMITS.policyCharacters);
    expect(packed.flat()).toHaveLength(60);
  });

  test('measures variables at their longest, not as written', () => {
    const withVariables: AwsStatement = { actions: ['s3:GetObject'], resources: [objects] };
    expect(policySize([withVariables])).toBeGreaterThan(JSON.stringify(withVariables).length - 60);
    expect(policySize([withVariables])).toBeGreaterThanOrEqual(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws-us-gov:s3:::${'p'.repeat(24)}-*/*`] }],
      }).length,
    );
  });

  test('refuses more than 10 policies and says by how many', () => {
    expect(() => packPolicies(statements(400))).toThrow(LimitError);
    expect(() => packPolicies(statements(400))).toThrow(/IAM allows 10 per role, \d+ too many/);
  });
});
