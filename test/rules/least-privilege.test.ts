import { awsPassRoleIsNarrow } from '../../lib/rules/aws/pass-role';
import { awsResourcesCarryPrefix } from '../../lib/rules/aws/prefix-scope';
import { awsPrivilegedStatementsNamePrefix } from '../../lib/rules/aws/privileged-scope';
import { privilegedGrantsAreMarked, privilegedMarkIsNeeded } from '../../lib/rules/common/privileged-marking';
import { gcpGrantIsScoped } from '../../lib/rules/gcp/condition-scope';
import { privilegedGrants } from '../../lib/rules/sensitive';
import type { PermissionSetSpec } from '../../lib/catalog/permission-set-schema';

const set = (grants: Partial<PermissionSetSpec>): PermissionSetSpec => ({ id: 'app/x', description: 'X.', ...grants });
const privileged = { privileged: true as const, privilegedReason: 'needed' };
const passRole = {
  actions: ['iam:PassRole'],
  resources: ['arn:${partition}:iam::${account}:role/alien-workload/${prefix}/${prefix}-*'],
  conditions: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
};

describe('privileged grants', () => {
  test.each([
    ['aws', set({ aws: [{ actions: ['iam:CreateRole'], resources: ['*'] }] })],
    ['aws', set({ aws: [{ actions: ['sts:AssumeRole'], resources: ['*'] }] })],
    ['aws', set({ aws: [{ actions: ['s3:PutBucketPolicy'], resources: ['*'] }] })],
    ['gcp', set({ gcp: { permissions: ['storage.buckets.setIamPolicy'] } })],
    ['gcp', set({ gcp: { permissions: ['iam.serviceAccounts.getAccessToken'] } })],
    ['gcp', set({ gcp: { permissions: ['iam.serviceAccountKeys.create'] } })],
    ['azure', set({ azure: { actions: ['Microsoft.Authorization/roleAssignments/write'] } })],
    ['azure', set({ azure: { actions: ['Microsoft.Storage/storageAccounts/listKeys/action'] } })],
  ])('finds a %s grant that changes access or hands out credentials', (cloud, s) => {
    expect(privilegedGrants(s)).toEqual([expect.objectContaining({ cloud })]);
    expect(privilegedGrantsAreMarked(s)).toHaveLength(1);
    expect(privilegedGrantsAreMarked({ ...s, ...privileged })).toEqual([]);
  });

  test('leaves reads alone: iam:GetRole, getIamPolicy, role reads on Azure', () => {
    const reads = set({
      aws: [{ actions: ['iam:GetRole'], resources: ['*'] }],
      gcp: { permissions: ['storage.buckets.getIamPolicy'] },
      azure: { actions: ['Microsoft.Authorization/roleAssignments/read'] },
    });
    expect(privilegedGrants(reads)).toEqual([]);
  });

  test('refuses "privileged" on a set that grants nothing privileged', () => {
    expect(privilegedMarkIsNeeded(set({ ...privileged, aws: [{ actions: ['s3:GetObject'], resources: ['*'] }] }))).toEqual([
      { path: ['privileged'], message: expect.stringContaining('grants nothing privileged') },
    ]);
  });

  test('requires a privileged AWS statement to name ${prefix} resources, not "*"', () => {
    expect(awsPrivilegedStatementsNamePrefix(set({ ...privileged, aws: [{ actions: ['iam:PassRole'], resources: ['*'] }] }))).toEqual([
      { path: ['aws', 0, 'resources', 0], message: expect.stringContaining('must name only ${prefix} resources') },
    ]);
    expect(awsPrivilegedStatementsNamePrefix(set({ ...privileged, aws: [passRole] }))).toEqual([]);
  });
});

describe('iam:PassRole', () => {
  test("is accepted for the deployment's roles and one service", () => {
    expect(awsPassRoleIsNarrow(set({ aws: [passRole] }))).toEqual([]);
  });

  test('needs an iam:PassedToService condition', () => {
    expect(awsPassRoleIsNarrow(set({ aws: [{ ...passRole, conditions: undefined }] }))).toEqual([
      { path: ['aws', 0], message: expect.stringContaining('iam:PassedToService') },
    ]);
  });

  test('must name roles under the workload path, not by the prefix alone', () => {
    for (const resource of ['arn:${partition}:iam::${account}:role/admin', 'arn:${partition}:iam::${account}:role/${prefix}-*']) {
      expect(awsPassRoleIsNarrow(set({ aws: [{ ...passRole, resources: [resource] }] }))).toHaveLength(1);
    }
  });
});

describe('AWS resources', () => {
  test('must carry ${prefix} in the ARN or in a condition', () => {
    expect(
      awsResourcesCarryPrefix(set({ aws: [{ actions: ['s3:GetObject'], resources: ['arn:${partition}:s3:::data/*'] }] })),
    ).toHaveLength(1);
    expect(
      awsResourcesCarryPrefix(set({ aws: [{ actions: ['s3:GetObject'], resources: ['arn:${partition}:s3:::${prefix}-data/*'] }] })),
    ).toEqual([]);
    const byTag = {
      actions: ['ec2:RevokeSecurityGroupIngress'],
      resources: ['arn:${partition}:ec2:${region}:${account}:security-group/*'],
      conditions: { StringLike: { 'aws:ResourceTag/Name': '${prefix}-*' } },
    };
    expect(awsResourcesCarryPrefix(set({ aws: [byTag] }))).toEqual([]);
  });

  test("except AWS's own models, and only those: a customer's inference profiles still need the prefix", () => {
    const invoke = (resources: string[]) => awsResourcesCarryPrefix(set({ aws: [{ actions: ['bedrock:InvokeModel'], resources }] }));
    expect(invoke(['arn:${partition}:bedrock:*::foundation-model/*', 'arn:${partition}:bedrock:*:${account}:inference-profile/*'])).toEqual(
      [],
    );
    expect(invoke(['arn:${partition}:bedrock:${region}::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0'])).toEqual([]);
    expect(invoke(['arn:${partition}:bedrock:*:${account}:application-inference-profile/*'])).toHaveLength(1);
    expect(invoke(['arn:${partition}:bedrock:*:${account}:provisioned-model/*'])).toHaveLength(1);
    expect(invoke(['arn:${partition}:s3:::foundation-model/*'])).toHaveLength(1);
  });

  test('except machine images, only when the statement holds them to Amazon-published ones', () => {
    const run = (conditions?: Record<string, Record<string, string>>) =>
      awsResourcesCarryPrefix(
        set({
          aws: [
            { actions: ['ec2:RunInstances'], resources: ['arn:${partition}:ec2:${region}::image/*'], ...(conditions && { conditions }) },
          ],
        }),
      );
    expect(run({ StringEquals: { 'ec2:Owner': 'amazon' } })).toEqual([]);
    expect(run()).toHaveLength(1);
    expect(run({ StringEquals: { 'ec2:Owner': '123456789012' } })).toHaveLength(1);
    expect(run({ StringNotEquals: { 'ec2:Owner': 'amazon' } })).toHaveLength(1);
  });
});

describe('GCP scope', () => {
  const condition = { title: 't', expression: 'resource.name.startsWith("projects/_/buckets/${prefix}-")' };

  test('accepts a condition on ${prefix} for a service that supports conditions', () => {
    expect(gcpGrantIsScoped(set({ gcp: { permissions: ['storage.objects.get'], condition } }))).toEqual([]);
  });

  test('asks for a condition when every permission supports one', () => {
    expect(gcpGrantIsScoped(set({ gcp: { permissions: ['storage.objects.get'] } }))).toEqual([
      { path: ['gcp'], message: expect.stringContaining('add a condition') },
    ]);
  });

  test('refuses a condition on a service that ignores conditions, which would not scope it', () => {
    expect(gcpGrantIsScoped(set({ gcp: { permissions: ['run.services.get'], condition } }))).toEqual([
      { path: ['gcp', 'permissions', 0], message: expect.stringContaining('ignores IAM conditions') },
    ]);
  });

  test('accepts a project-wide grant only with its reason', () => {
    expect(gcpGrantIsScoped(set({ gcp: { permissions: ['run.services.get'], projectWide: 'Cloud Run ignores conditions.' } }))).toEqual([]);
  });

  test('refuses a condition that does not mention ${prefix}', () => {
    expect(
      gcpGrantIsScoped(set({ gcp: { permissions: ['storage.objects.get'], condition: { title: 't', expression: 'true' } } })),
    ).toHaveLength(1);
  });

  test('refuses a privileged permission that is not limited by a condition', () => {
    const s = set({ ...privileged, gcp: { permissions: ['iam.serviceAccounts.actAs'], projectWide: 'no conditions' } });
    expect(gcpGrantIsScoped(s)).toEqual([
      { path: ['gcp', 'permissions', 0], message: expect.stringContaining('must be limited by a condition') },
    ]);
  });
});
