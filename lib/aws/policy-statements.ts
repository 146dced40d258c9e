import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { AwsStatement } from '../model/trust-model';
import { cfnString } from './aws-variables';
import { mapConditions } from '../model/conditions';

/** A model statement as an IAM policy statement; variables become `Fn::Sub`. */
export function toPolicyStatement(statement: AwsStatement): PolicyStatement {
  return new PolicyStatement({
    actions: [...statement.actions],
    resources: statement.resources.map(cfnString),
    conditions: statement.conditions && mapConditions(statement.conditions, cfnString),
  });
}
