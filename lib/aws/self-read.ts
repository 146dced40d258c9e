import { AWS_IAM_PATH, awsRoleName } from '../core/names';
import type { AwsStatement } from '../model/trust-model';

/**
 * The management role reads its own definition: Alien's manager calls `iam:GetRole` on its own
 * role every 30 seconds (its session length and tags). One role, by its full name under
 * `/alientrust/`, so it reaches no other role, and a read changes nothing.
 */
export function selfReadStatement(productTag: string): AwsStatement {
  const [before, after] = awsRoleName('\u0000', productTag, '\u0001').split('\u0000');
  const [middle, end] = after.split('\u0001');
  return {
    actions: ['iam:GetRole'],
    resources: [
      [
        { text: 'arn:' },
        { variable: 'partition' },
        { text: ':iam::' },
        { variable: 'account' },
        { text: `:role${AWS_IAM_PATH}${before}` },
        { variable: 'prefix' },
        { text: middle },
        { variable: 'region' },
        ...(end ? [{ text: end }] : []),
      ],
    ],
  };
}
