import type { ITerraformDependable, TerraformStack } from 'cdktf';
import { IamWorkloadIdentityPool } from '@cdktf/provider-google/lib/iam-workload-identity-pool';
import { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { customerSubject } from '../../../core/customer-binding';
import type { GcpTrust } from '../../../model/trust-model';
import { tfLiteral } from '../../../terraform/terraform-string';
import { customerIdVariable } from '../../../terraform/variables';
import type { GcpVendorTarget } from '../gcp-trust-form';
import { WORKLOAD_IDENTITY_USER } from '.';

/** The pool's one provider. */
export const GCP_POOL_PROVIDER_ID = 'alien-oidc';

/**
 * A workload identity pool that trusts the vendor's issuer for one customer subject, and that
 * principal as workload identity user of the deployment's service account.
 */
export function vendorPool(
  stack: TerraformStack,
  trust: Extract<GcpTrust, { kind: 'oidc' }>,
  target: GcpVendorTarget,
): ITerraformDependable[] {
  const customerId = customerIdVariable(stack, trust.oidc.subjectPrefix);
  const pool = new IamWorkloadIdentityPool(stack, 'vendor_pool', {
    project: target.projectId.stringValue,
    // The deployment's random suffix: a deleted pool's id stays reserved for 30 days.
    workloadIdentityPoolId: `alien-${target.suffix.hex}`,
    displayName: 'Alien vendor access',
    description: tfLiteral(`Trusts ${trust.oidc.issuer} for one customer subject`.slice(0, 256)),
    dependsOn: [...target.apis],
  });
  const subject = customerSubject(tfLiteral(trust.oidc.subjectPrefix), customerId.stringValue);
  const provider = new IamWorkloadIdentityPoolProvider(stack, 'vendor_oidc', {
    project: target.projectId.stringValue,
    workloadIdentityPoolId: pool.workloadIdentityPoolId,
    workloadIdentityPoolProviderId: GCP_POOL_PROVIDER_ID,
    oidc: { issuerUri: tfLiteral(trust.oidc.issuer), allowedAudiences: [tfLiteral(trust.oidc.audience)] },
    attributeMapping: { 'google.subject': 'assertion.sub' },
    // Tokens of any other subject are refused at the exchange, before any IAM check.
    attributeCondition: `assertion.sub == "${subject}"`,
  });
  const user = new ServiceAccountIamMember(stack, 'vendor_workload_identity_user', {
    serviceAccountId: target.account.name,
    role: WORKLOAD_IDENTITY_USER,
    member: `principal://iam.googleapis.com/${pool.name}/subject/${subject}`,
  });
  return [provider, user];
}
