import { builtInCatalog } from '../../lib/catalog/catalog';
import { ACCOUNT, statementsFor } from '../../lib/rules/aws/requests';
import { allows } from '../../lib/rules/aws/iam-evaluator';

/**
 * A customer's own Lambda function whose name happens to start with the deployment's prefix
 * (`acme-payroll`, never tagged deployment=acme): with the whole catalog granted, no Lambda
 * action reaches it (its code, configuration and environment, invoking it as its role, tags).
 * The deployment's own functions carry Alien's tag and stay reachable.
 */
const catalog = builtInCatalog();
const statements = catalog.sets.flatMap((set) => statementsFor(set, 'acme'));
/** Lambda actions granted on function ARNs (listings that take no resource are granted on "*" and read no function). */
const lambdaActions = [
  ...new Set(
    statements
      .filter((s) => s.resources.some((r) => r.includes(':function:')))
      .flatMap((s) => s.actions)
      .filter((a) => a.startsWith('lambda:')),
  ),
].sort();
const fn = (name: string) => `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`;

test('the catalog grants Lambda actions on functions (the sweep is not empty)', () => {
  expect(lambdaActions).toEqual(
    expect.arrayContaining(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction', 'lambda:GetFunctionConfiguration']),
  );
});

test.each(lambdaActions)("%s never reaches a customer's untagged function that carries the prefix", (action) => {
  for (const resource of [fn('acme-payroll'), `${fn('acme-payroll')}:live`]) {
    expect([action, resource, allows(statements, { action, resource, context: {} })]).toEqual([action, resource, false]);
  }
});

test("the deployment's own, tagged function stays reachable", () => {
  const own = { 'aws:ResourceTag/deployment': 'acme' };
  for (const action of ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction', 'lambda:GetFunctionConfiguration']) {
    expect([action, allows(statements, { action, resource: fn('acme-api'), context: own })]).toEqual([action, true]);
  }
});
