import type { AwsStatementSpec, PermissionSetSpec } from '../../catalog/permission-set-schema';
import type { AwsRequest } from './iam-evaluator';

/** The account the request tests render sets with. */
export const ACCOUNT = '123456789012';

const values = (prefix: string): Record<string, string> => ({
  prefix,
  partition: 'aws',
  region: 'eu-west-1',
  account: ACCOUNT,
});

/** A set's text with its variables filled in for a deployment prefix. */
export const render = (text: string, prefix: string) => text.replace(/\$\{(\w+)\}/g, (_, name: string) => values(prefix)[name]);

/** `<action> on <resource> with k=v, …` (the catalog's and the census's request form), rendered for a prefix. */
export function request(text: string, prefix: string): AwsRequest {
  const [, action, resource, context] = /^(\S+) on (\S+)(?: with (.*))?$/.exec(render(text, prefix))!;
  const pairs = (context ?? '')
    .split(', ')
    .filter(Boolean)
    .map((kv) => kv.split('=') as [string, string]);
  return { action, resource, context: { 's3:ResourceAccount': ACCOUNT, ...Object.fromEntries(pairs) } };
}

/** A set's AWS statements rendered for a prefix, ready for the evaluator. */
export function statementsFor(set: PermissionSetSpec, prefix: string): AwsStatementSpec[] {
  const r = (v: string) => render(v, prefix);
  return (set.aws ?? []).map((s) => ({
    ...s,
    resources: s.resources.map(r),
    conditions:
      s.conditions &&
      Object.fromEntries(
        Object.entries(s.conditions).map(([op, e]) => [
          op,
          Object.fromEntries(Object.entries(e).map(([k, v]) => [k, typeof v === 'string' ? r(v) : Array.isArray(v) ? v.map(r) : v])),
        ]),
      ),
  }));
}
