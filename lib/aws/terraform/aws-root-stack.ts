import { TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { AWS_TERRAFORM_INTERFACE } from '../../model/customer-interface';
import { callModule, type ModuleInterface } from '../../terraform/root-module';
import { terraformSettings } from '../../terraform/terraform-settings';
import { validate } from '../../terraform/variables';
import { AWS_PROVIDERS } from './aws-trust-stack';

/**
 * The ready-to-apply AWS root: the aws provider for the region the customer names (credentials
 * from the environment, as the AWS CLI finds them) and a call to the module beside it.
 */
export class AwsRootStack extends TerraformStack {
  constructor(scope: Construct, id: string, module: ModuleInterface) {
    super(scope, id);
    callModule(this, module);
    // No AWS release ever held its resources in the root: nothing to move.
    this.addOverride('moved', undefined);
    // The construct id apart from the module's `region` output, which the root re-exports.
    const region = new TerraformVariable(this, 'provider_region', {
      type: 'string',
      description: "The AWS region the role's grants are for (the role is per region, as the CloudFormation stack is).",
    });
    region.overrideLogicalId(AWS_TERRAFORM_INTERFACE.rootRegion);
    validate(
      region,
      '^[a-z]{2}(-[a-z]+)+-[0-9]+$',
      `The ${AWS_TERRAFORM_INTERFACE.rootRegion} must be an AWS region name, for example eu-west-1.`,
    );
    this.addOverride('provider', { aws: [{ region: `\${var.${AWS_TERRAFORM_INTERFACE.rootRegion}}` }] });
    terraformSettings(this, AWS_PROVIDERS);
  }
}
