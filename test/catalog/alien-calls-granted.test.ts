import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { request, statementsFor } from '../support/aws-requests';
import { allows } from '../support/iam-evaluator';

/**
 * Calls of Alien's controllers (lib/catalog/alien-calls, with their file:line in Alien's
 * source) that the set Alien assigns must grant: each request as Alien makes it, with its names
 * and tags, is allowed for the deployment's prefix and refused for another deployment's.
 * These are the calls the issue found refused; the census lists every other call.
 */
const GRANTED: readonly [kind: string, permission: string][] = [
  ['worker', 'lambda:UpdateFunctionCode'],
  ['worker', 'lambda:UpdateFunctionConfiguration'],
  ['worker', 'lambda:GetFunctionConfiguration'],
  ['storage', 's3:GetBucketPolicy'],
  ['storage', 's3:GetBucketAcl'],
  ['vault', 'ssm:DescribeParameters'],
  ['kv', 'dynamodb:UpdateTimeToLive'],
  ['queue', 'sqs:SetQueueAttributes'],
];

interface Call {
  readonly permission: string;
  readonly setId: string;
  readonly site: string;
  readonly request?: string;
}

describe.each(GRANTED)("Alien's %s controller's %s", (kind, permission) => {
  const doc = parse(readFileSync(join(__dirname, '..', '..', 'lib', 'catalog', 'alien-calls', `${kind}.yaml`), 'utf8'));
  const calls = ((doc.aws ?? []) as Call[]).filter((c) => c.permission === permission && c.request);

  test('is granted by the set Alien assigns, on its own deployment only', () => {
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const set = builtInCatalog().get(call.setId)!;
      expect([call.site, call.setId, set !== undefined]).toEqual([call.site, call.setId, true]);
      expect([call.site, allows(statementsFor(set, 'acme'), request(call.request!, 'acme'))]).toEqual([call.site, true]);
      if (call.request!.includes('${prefix}')) {
        expect([call.site, 'other deployment', allows(statementsFor(set, 'acme'), request(call.request!, 'acmeprod'))]).toEqual([
          call.site,
          'other deployment',
          false,
        ]);
      }
    }
  });
});
