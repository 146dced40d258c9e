import type { ITerraformDependable, TerraformStack } from 'cdktf';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import type { GcpVendorTarget } from '../gcp-trust-form';
import { TOKEN_CREATOR_ROLE } from '.';

/** The vendor's service account (an email or a reference to the input naming it) may mint tokens for the deployment's. */
export function tokenCreatorGrant(stack: TerraformStack, vendor: string, target: GcpVendorTarget): ITerraformDependable[] {
  return [
    new ServiceAccountIamMember(stack, 'vendor_token_creator', {
      serviceAccountId: target.account.name,
      role: TOKEN_CREATOR_ROLE,
      member: `serviceAccount:${vendor}`,
    }),
  ];
}
