import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleArn } from '../../lib/lists/aws-actions';
import { azureOperationKnowledge } from '../../lib/lists/azure-role-operations';
import { gcpPermissionKnown } from '../../lib/lists/gcp-permissions';
import { LISTS_DIR } from '../../lib/lists/list-file';
import { listProblems } from '../../lib/lists/list-problems';
import type { PermissionSetSpec } from '../../lib/catalog/permission-set-schema';

const base: PermissionSetSpec = { id: 'app/x', description: 'X.' };

describe('listProblems', () => {
  test('finds a misspelled AWS action, GCP permission and Azure operation, each at its path', async () => {
    const problems = await listProblems({
      ...base,
      aws: [{ actions: ['s3:GetObject', 's3:GetObjekt'], resources: ['arn:${partition}:s3:::${prefix}-*/*'] }],
      gcp: { permissions: ['storage.objects.get', 'storage.objects.gett'] },
      azure: { actions: ['Microsoft.Storaeg/storageAccounts/read'] },
    });
    expect(problems).toEqual([
      { path: ['aws', 0, 'actions', 1], message: 's3:GetObjekt is not an AWS action (did you mean "s3:GetObject"?)' },
      { path: ['gcp', 'permissions', 1], message: 'storage.objects.gett is not a GCP permission (did you mean "storage.objects.get"?)' },
      { path: ['azure', 'actions', 0], message: 'Microsoft.Storaeg/storageAccounts/read is not a known Azure action' },
    ]);
  });

  test('refuses an ARN of the wrong resource type, and "*" where the action has a resource type', async () => {
    const problems = await listProblems({
      ...base,
      aws: [
        { actions: ['s3:GetObject'], resources: ['arn:${partition}:s3:::${prefix}-*'] },
        { actions: ['lambda:InvokeFunction'], resources: ['*'] },
        { actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      ['aws', 0, 'actions', 0],
      ['aws', 1, 'actions', 0],
    ]);
    expect(problems[1].message).toContain('"*" is too broad');
  });

  test('says when an Azure data action is listed as an action, and the reverse', async () => {
    const problems = await listProblems({
      ...base,
      azure: {
        actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
        dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/read'],
      },
    });
    expect(problems).toEqual([
      {
        path: ['azure', 'actions', 0],
        message:
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read is a data action, not an action; move it to dataActions',
      },
      {
        path: ['azure', 'dataActions', 0],
        message: 'Microsoft.Storage/storageAccounts/blobServices/containers/read is an action, not a data action; move it to actions',
      },
    ]);
  });

  test('does not send a misspelled data action to the actions because an action wildcard covers it, and suggests the real one', async () => {
    // Built-in roles grant Microsoft.Storage/storageAccounts/* and Microsoft.Storage/*/read among their actions.
    expect(azureOperationKnowledge('Microsoft.Storage/storageAccounts/queueServices/queues/messages/raed').covered).toContain('actions');
    const problems = await listProblems({
      ...base,
      azure: { dataActions: ['Microsoft.Storage/storageAccounts/queueServices/queues/messages/raed'] },
    });
    expect(problems).toEqual([
      {
        path: ['azure', 'dataActions', 0],
        message:
          'Microsoft.Storage/storageAccounts/queueServices/queues/messages/raed is not a known Azure data action (did you mean "Microsoft.Storage/storageAccounts/queueServices/queues/messages/read"?)',
      },
    ]);
  });
});

describe('the lists', () => {
  test('know an Azure operation covered by a pattern in its own namespace only', () => {
    expect(azureOperationKnowledge('Microsoft.App/jobs/start/action')).toEqual({ listed: [], covered: ['actions'] });
    expect(azureOperationKnowledge('Contoso.Made/up/read')).toEqual({ listed: [], covered: [] });
  });

  test('prefer the kind that lists an Azure operation exactly over a covering pattern', () => {
    expect(azureOperationKnowledge('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read').listed).toEqual(['dataActions']);
  });

  test('know real GCP permissions', () => {
    expect(gcpPermissionKnown('run.services.update')).toBe(true);
  });

  test('fill ARN variables with sample values', () => {
    expect(sampleArn('arn:${partition}:sqs:${region}:${account}:${prefix}-*')).toBe('arn:aws:sqs:us-east-1:123456789012:acmeprod-*');
  });

  test('are exactly the copies recorded in SHA256SUMS, which name every shipped list', () => {
    const recorded = readFileSync(join(LISTS_DIR, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/));
    const shipped = readdirSync(LISTS_DIR)
      .filter((f) => /\.(txt|tsv)$/.test(f) || f.startsWith('LICENSE'))
      .sort();
    expect(recorded.map(([, file]) => file).sort()).toEqual(shipped);
    for (const [hash, file] of recorded) {
      expect([
        file,
        createHash('sha256')
          .update(readFileSync(join(LISTS_DIR, file)))
          .digest('hex'),
      ]).toEqual([file, hash]);
    }
  });
});

describe('the resource-type and condition-key checks', () => {
  test('refuse an action whose required resource types the ARNs do not all cover', async () => {
    const problems = await listProblems({
      ...base,
      aws: [
        {
          actions: ['ec2:ModifySecurityGroupRules'],
          resources: ['arn:${partition}:ec2:${region}:${account}:security-group/*'],
          conditions: { StringLike: { 'aws:ResourceTag/Name': '${prefix}-*' } },
        },
      ],
    });
    expect(problems).toEqual([
      {
        path: ['aws', 0, 'actions', 0],
        message: expect.stringMatching(/requires a security-group-rule resource .* too, and no ARN granted for it is one/),
      },
    ]);
  });

  test('take required variants of one kind as alternatives (an ALB listener is not also an NLB one)', async () => {
    const alb = {
      actions: ['elasticloadbalancing:DeleteListener'],
      resources: ['arn:${partition}:elasticloadbalancing:${region}:${account}:listener/app/${prefix}-*/*/*'],
    };
    expect(await listProblems({ ...base, aws: [alb] })).toEqual([]);
    // Kinds that are not variants of one another stay required together.
    const groupOnly = {
      actions: ['ec2:ModifySecurityGroupRules'],
      resources: ['arn:${partition}:ec2:${region}:${account}:security-group/*'],
      conditions: { StringLike: { 'aws:ResourceTag/Name': '${prefix}-*' } },
    };
    expect((await listProblems({ ...base, aws: [groupOnly] })).map((p) => p.message)).toEqual([
      expect.stringMatching(/requires a security-group-rule resource/),
    ]);
  });

  test('accept required resource types granted by different statements for the same action', async () => {
    // IAM authorizes the identity and the configuration set each on their own, against every statement.
    const identity = {
      actions: ['ses:PutEmailIdentityConfigurationSetAttributes'],
      resources: ['arn:${partition}:ses:${region}:${account}:identity/*'],
      conditions: { StringLike: { 'aws:ResourceTag/Name': '${prefix}-*' } },
    };
    const configurationSet = {
      actions: ['ses:PutEmailIdentityConfigurationSetAttributes'],
      resources: ['arn:${partition}:ses:${region}:${account}:configuration-set/${prefix}-*'],
    };
    expect(await listProblems({ ...base, aws: [identity, configurationSet] })).toEqual([]);
    expect((await listProblems({ ...base, aws: [configurationSet] })).map((p) => p.message)).toEqual([
      expect.stringMatching(/requires a identity resource/),
    ]);
  });

  test('refuse a condition key the action does not support, suggesting a close one', async () => {
    const problems = await listProblems({
      ...base,
      aws: [
        {
          actions: ['iam:PassRole'],
          resources: ['arn:${partition}:iam::${account}:role/${prefix}-*'],
          conditions: { StringEquals: { 'iam:PassedToServce': 'lambda.amazonaws.com' } },
        },
      ],
    });
    expect(problems).toEqual([
      {
        path: ['aws', 0, 'actions', 0],
        message:
          'iam:PassRole does not support the condition key iam:PassedToServce, so the condition would never match (did you mean "iam:PassedToService"?)',
      },
    ]);
  });

  test('accept "*" only where a condition key of the action itself names the deployment', async () => {
    const scoped = {
      actions: ['ecs:ListTasks'],
      resources: ['*'],
      conditions: { ArnLike: { 'ecs:cluster': 'arn:${partition}:ecs:${region}:${account}:cluster/${prefix}-*' } },
    };
    expect(await listProblems({ ...base, aws: [scoped] })).toEqual([]);
    const unscoped = {
      ...scoped,
      conditions: {
        ArnLike: { 'ecs:cluster': 'arn:${partition}:ecs:${region}:${account}:cluster/*' },
        StringEquals: { 'aws:ResourceTag/app': '${prefix}' },
      },
    };
    expect((await listProblems({ ...base, aws: [unscoped] })).map((p) => p.message)).toEqual([expect.stringContaining('"*" is too broad')]);
  });
});
