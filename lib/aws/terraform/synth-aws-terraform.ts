import type { TrustModel } from '../../model/trust-model';
import { synthModuleAndRoot } from '../../terraform/synth-terraform';
import { AwsRootStack } from './aws-root-stack';
import { AwsTrustStack } from './aws-trust-stack';

/** The stack name under synthesis. */
export const AWS_TERRAFORM_STACK = 'aws';

/** The AWS module and its root, as Terraform JSON keyed by path in `aws/`, synthesized in memory. */
export function synthAwsTerraform(model: TrustModel): Record<string, object> {
  return synthModuleAndRoot(
    AWS_TERRAFORM_STACK,
    (app, name) => new AwsTrustStack(app, name, { model }),
    (app, name, module) => new AwsRootStack(app, name, module),
  );
}
