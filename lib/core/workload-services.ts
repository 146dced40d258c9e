/**
 * The cloud services a workload identity may be trusted by (spec
 * `workloadIdentities.identities[].services`), and the AWS service principal each one means: the
 * one table the trust policies, the instance profiles and the vendor's `iam:PassedToService`
 * conditions are all read from. A service is named as its principal starts, so the spec reads
 * as the trust policy does.
 */
//
// `sourceAccount`: whether the service sends `aws:SourceAccount` when it assumes the role, so the
// trust policy can require this account (Lambda, ECS and CodeBuild document it for their roles'
// confused-deputy protection). EC2 documents no such key for instance roles, and a condition it
// never sends would deny every instance its credentials; a role reaches EC2 only through an
// instance profile of this account (PassRole never crosses accounts), so it needs none.
export const WORKLOAD_SERVICES = {
  lambda: { aws: 'lambda.amazonaws.com', sourceAccount: true, runs: 'Lambda functions' },
  'ecs-tasks': { aws: 'ecs-tasks.amazonaws.com', sourceAccount: true, runs: 'ECS tasks' },
  // EC2 takes a role only through an instance profile, which the template creates beside it.
  ec2: { aws: 'ec2.amazonaws.com', sourceAccount: false, runs: 'EC2 instances (through an instance profile)' },
  codebuild: { aws: 'codebuild.amazonaws.com', sourceAccount: true, runs: 'CodeBuild builds' },
} as const;

export type WorkloadService = keyof typeof WORKLOAD_SERVICES;

export const WORKLOAD_SERVICE_NAMES = Object.keys(WORKLOAD_SERVICES) as WorkloadService[];

/** The service that needs an instance profile to run as a role. */
export const INSTANCE_PROFILE_SERVICE: WorkloadService = 'ec2';

/**
 * Azure: attaching a user-assigned identity to a resource. Granted at the resource group it would
 * reach every identity there, the vendor's own management identity included, which would keep
 * getting tokens on a resource the vendor made after the trust is gone. So it never goes in the
 * group role: the module grants it in a role of its own, assigned at each workload identity alone.
 */
export const ATTACH_IDENTITY = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';

export function attachesIdentity(operation: string): boolean {
  return operation.toLowerCase() === ATTACH_IDENTITY.toLowerCase();
}
