import { CfnCondition, CfnParameter, Fn, type Stack } from 'aws-cdk-lib';
import { CfnOIDCProvider, WebIdentityPrincipal } from 'aws-cdk-lib/aws-iam';
import { CUSTOMER_ID, customerSubject, issuerHost } from '../../../core/customer-binding';
import { CUSTOMER_INTERFACE } from '../../../model/customer-interface';
import type { AwsTrust } from '../../../model/trust-model';
import type { TrustParameters } from '../aws-trust-form';

/**
 * The account's IAM OIDC provider for the vendor's issuer, and the customer's id. An account
 * holds one provider per issuer URL, so an existing one can be passed instead of creating it.
 */
export function oidcParameters(stack: Stack, { oidc }: Extract<AwsTrust, { kind: 'oidc' }>): TrustParameters {
  const inputs = CUSTOMER_INTERFACE.aws.inputs;
  const customerId = new CfnParameter(stack, inputs.customerId, {
    type: 'String',
    description: `Your customer id at the vendor; the vendor's tokens must carry the subject ${customerSubject(oidc.subjectPrefix, '<customer id>')}.`,
    allowedPattern: CUSTOMER_ID.pattern,
    constraintDescription: CUSTOMER_ID.description,
  });
  const existing = new CfnParameter(stack, inputs.oidcProviderArn, {
    type: 'String',
    default: '',
    description: `Leave empty to create the IAM OIDC provider for ${oidc.issuer}; if the account already has one for that URL (an account holds one per URL), give its ARN.`,
    allowedPattern: '^(arn:aws:iam::\\d{12}:oidc-provider/.+)?$',
    constraintDescription: 'empty, or an IAM OIDC provider ARN',
  });
  const create = new CfnCondition(stack, 'CreateOidcProvider', { expression: Fn.conditionEquals(existing.valueAsString, '') });
  const provider = new CfnOIDCProvider(stack, 'OidcProvider', { url: oidc.issuer, clientIdList: [oidc.audience] });
  provider.cfnOptions.condition = create;
  const host = issuerHost(oidc.issuer);
  const providerArn = Fn.conditionIf(create.logicalId, provider.ref, existing.valueAsString).toString();
  return {
    principal: new WebIdentityPrincipal(providerArn, {
      StringEquals: {
        [`${host}:aud`]: oidc.audience,
        [`${host}:sub`]: Fn.sub(customerSubject(oidc.subjectPrefix, `\${${inputs.customerId}}`)),
      },
    }),
    labels: { [customerId.logicalId]: 'Customer id (from the vendor)', [existing.logicalId]: 'Existing OIDC provider ARN (optional)' },
  };
}
