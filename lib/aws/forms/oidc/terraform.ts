import { TerraformLocal, TerraformVariable, type TerraformStack } from 'cdktf';
import { customerSubject, issuerHost } from '../../../core/customer-binding';
import { AWS_TERRAFORM_INTERFACE } from '../../../model/customer-interface';
import type { AwsTrust } from '../../../model/trust-model';
import { tfLiteral } from '../../../terraform/terraform-string';
import { customerIdVariable, validate } from '../../../terraform/variables';
import { AwsResource } from '../../terraform/aws-resources';

/**
 * The same rule as the CloudFormation OidcProviderArn parameter, with `[0-9]` for `\d`: the
 * pattern goes into an HCL string inside `${…}`, where `\d` is no valid escape.
 */
const OIDC_PROVIDER_ARN_PATTERN = '^(arn:aws:iam::[0-9]{12}:oidc-provider/.+)?$';

/**
 * The account's IAM OIDC provider for the vendor's issuer, created unless the customer passes the
 * account's existing one (one per issuer URL), and the statement admitting this customer's subject.
 */
export function oidcTrust(stack: TerraformStack, { oidc }: Extract<AwsTrust, { kind: 'oidc' }>): object {
  const inputs = AWS_TERRAFORM_INTERFACE.inputs;
  const customerId = customerIdVariable(stack, oidc.subjectPrefix);
  const existing = new TerraformVariable(stack, inputs.oidcProviderArn, {
    type: 'string',
    default: '',
    description: `Leave empty to create the IAM OIDC provider for ${oidc.issuer}; if the account already has one for that URL (an account holds one per URL), give its ARN.`,
  });
  validate(existing, OIDC_PROVIDER_ARN_PATTERN, `The ${inputs.oidcProviderArn} must be empty, or an IAM OIDC provider ARN.`);
  const provider = new AwsResource(stack, 'vendor', 'aws_iam_openid_connect_provider', {
    url: tfLiteral(oidc.issuer),
    client_id_list: [tfLiteral(oidc.audience)],
  });
  provider.addOverride('count', `\${var.${inputs.oidcProviderArn} == "" ? 1 : 0}`);
  // A local, so that the policy JSON holds a bare reference (no quotes to escape).
  const arn = new TerraformLocal(
    stack,
    'vendor_oidc_provider_arn',
    `\${var.${inputs.oidcProviderArn} != "" ? var.${inputs.oidcProviderArn} : one(${provider.address}[*].arn)}`,
  );
  const host = tfLiteral(issuerHost(oidc.issuer));
  return {
    Effect: 'Allow',
    Principal: { Federated: `\${local.${arn.friendlyUniqueId}}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: {
        [`${host}:aud`]: tfLiteral(oidc.audience),
        [`${host}:sub`]: customerSubject(tfLiteral(oidc.subjectPrefix), `\${var.${customerId.friendlyUniqueId}}`),
      },
    },
  };
}
