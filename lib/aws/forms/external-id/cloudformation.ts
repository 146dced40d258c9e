import { CfnParameter, type Stack } from 'aws-cdk-lib';
import { ArnPrincipal } from 'aws-cdk-lib/aws-iam';
import { CUSTOMER_INTERFACE } from '../../../model/customer-interface';
import type { AwsTrust } from '../../../model/trust-model';
import { EXTERNAL_ID } from '../../external-id';
import type { TrustParameters } from '../aws-trust-form';

/** The vendor's role, with the external id the vendor generated for this customer. */
export function externalIdParameters(stack: Stack, trust: Extract<AwsTrust, { kind: 'role' }>): TrustParameters {
  const externalId = new CfnParameter(stack, CUSTOMER_INTERFACE.aws.inputs.externalId, {
    type: 'String',
    description: 'The external id the vendor generated for you; the vendor must present it to assume the role.',
    minLength: EXTERNAL_ID.minLength,
    maxLength: EXTERNAL_ID.maxLength,
    allowedPattern: EXTERNAL_ID.pattern,
    constraintDescription: '2–1224 letters, digits and _+=,.@:/- characters',
  });
  return {
    principal: new ArnPrincipal(trust.managingRoleArn).withConditions({ StringEquals: { 'sts:ExternalId': externalId.valueAsString } }),
    labels: { [externalId.logicalId]: 'External id (from the vendor)' },
  };
}
