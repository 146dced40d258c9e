import { customerSubject, issuerHost } from '../../../core/customer-binding';
import { code, mermaidLabel, shown } from '../../../core/markdown';
import { AWS_TERRAFORM_INTERFACE, CUSTOMER_INTERFACE } from '../../../model/customer-interface';
import type { AwsTrust } from '../../../model/trust-model';
import type { AwsTrustForm } from '../aws-trust-form';

type Oidc = Extract<AwsTrust, { kind: 'oidc' }>;
const INPUTS = CUSTOMER_INTERFACE.aws.inputs;

/**
 * `managingIdentity.oidc`: `sts:AssumeRoleWithWebIdentity` through the account's IAM OIDC
 * provider for the vendor's issuer, only with the vendor's audience and this customer's subject.
 */
export const oidcForm: AwsTrustForm<Oidc> = {
  kind: 'oidc',
  summary: "the vendor's OIDC tokens for this customer's subject, through the account's IAM OIDC provider",
  who: (trust) => [
    `- **Who can use it**: only a holder of an OIDC token from the vendor's issuer ${code(trust.oidc.issuer)}, through ${code('sts:AssumeRoleWithWebIdentity')} and the account's IAM OIDC provider for that issuer (created by the stack, or the one you name in ${code(INPUTS.oidcProviderArn)}). No AWS account of the vendor is trusted.`,
    `- **Condition**: the token's audience (${code(`${issuerHost(trust.oidc.issuer)}:aud`)}) must be ${code(trust.oidc.audience)} and its subject (${code(`${issuerHost(trust.oidc.issuer)}:sub`)}) exactly ${code(customerSubject(trust.oidc.subjectPrefix, shown(INPUTS.customerId)))}, your customer id at the vendor: a token minted for another customer does not fit.`,
  ],
  diagram: (trust) => ({
    vendor: mermaidLabel("Vendor's OIDC issuer", trust.oidc.issuer),
    edge: mermaidLabel('sts:AssumeRoleWithWebIdentity', `sub ${customerSubject(trust.oidc.subjectPrefix, shown(INPUTS.customerId))}`),
  }),
  sharedIdentityWarning: () => undefined,
  customerInputs: (_trust, { customerId }) => ({ [AWS_TERRAFORM_INTERFACE.inputs.customerId]: customerId }),
  trustReaders: {
    cloudformation: {
      // Which issuer and audiences the account trusts; the role's policy names the subject.
      'AWS::IAM::OIDCProvider': (_id, properties, trust) => {
        trust['aws.oidcProvider.url'] = typeof properties.Url === 'string' ? properties.Url : JSON.stringify(properties.Url);
        trust['aws.oidcProvider.audiences'] = JSON.stringify(properties.ClientIdList);
      },
    },
  },
  inert: {},
  replacing: {
    // CloudFormation: "Url — Update requires: Replacement"; the provider has no name of its own.
    cloudformation: { 'AWS::IAM::OIDCProvider': { properties: ['Url'], name: 'Url' } },
    terraform: {
      aws_iam_openid_connect_provider: {
        arguments: ['url'],
        consequence: "the account's OIDC provider is re-created: sign-ins fail during the apply",
      },
    },
  },
  cloudformation: (stack, trust) => (require('./cloudformation') as typeof import('./cloudformation')).oidcParameters(stack, trust),
  terraform: (stack, trust) => (require('./terraform') as typeof import('./terraform')).oidcTrust(stack, trust),
  roleDescription: (trust, product) => `Assumed by ${product} with an OIDC token from ${trust.oidc.issuer} naming your customer id`,
  // The OIDC form has no external id: the customer id already names the customer.
  roleArnOutput: 'Send this to the vendor.',
  binding: 'customerId',
  trustShown: 'OIDC provider, and only for a token naming your customer id',
  vendorStatement: (trust) => ({
    Principal: { Federated: `arn:aws:iam::<account>:oidc-provider/${issuerHost(trust.oidc.issuer)}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
  }),
};
