import type { PermissionSetSpec } from '../catalog/permission-set-schema';
import { awsArnsStayInTheDeployment } from './aws/arn-scope';
import { awsPassRoleIsNarrow } from './aws/pass-role';
import { awsResourcesCarryPrefix } from './aws/prefix-scope';
import { awsPrivilegedStatementsNamePrefix } from './aws/privileged-scope';
import { awsS3StaysInTheAccount } from './aws/s3-account';
import { contentReadMarkIsNeeded, contentReadsAreMarked } from './common/content-read-marking';
import { prefixEndsAtSeparator } from './common/prefix-separator';
import { identitiesAreTheTemplates } from './common/workload-identities';
import { outlivesRevocationMarkIsNeeded, outlivingGrantsAreMarked } from './common/outlives-revocation';
import { privilegedGrantsAreMarked, privilegedMarkIsNeeded } from './common/privileged-marking';
import type { Finding } from './finding';
import { gcpGrantIsScoped } from './gcp/condition-scope';
import type { Rule } from './rule';

/**
 * The rules every permission set obeys, built-in or custom. Wildcard actions are refused by the
 * schema itself; action names and resource types are checked against the clouds' lists. Each
 * rule is made with defineRule (an id, a summary and a why; docs/rules.md lists them).
 */
export const LEAST_PRIVILEGE_RULES: readonly Rule[] = [
  privilegedGrantsAreMarked,
  privilegedMarkIsNeeded,
  contentReadsAreMarked,
  contentReadMarkIsNeeded,
  outlivingGrantsAreMarked,
  outlivesRevocationMarkIsNeeded,
  awsResourcesCarryPrefix,
  awsArnsStayInTheDeployment,
  awsS3StaysInTheAccount,
  prefixEndsAtSeparator,
  identitiesAreTheTemplates,
  awsPrivilegedStatementsNamePrefix,
  awsPassRoleIsNarrow,
  gcpGrantIsScoped,
];

export function leastPrivilegeFindings(set: PermissionSetSpec): Finding[] {
  return LEAST_PRIVILEGE_RULES.flatMap((rule) => rule(set));
}
