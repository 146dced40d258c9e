import { LimitError } from '../model/limit-error';
import { awsProductTag } from '../model/names';
import type { AwsStatement, AwsTrust, TrustModel } from '../model/trust-model';
import { AWS_LIMITS, mergeStatements, packPolicies } from './permission-policies';
import { selfReadStatement } from './self-read';

/**
 * What the AWS role is, independent of how it is written: the one model both renderers (the
 * CloudFormation template and the Terraform module) write, so that they grant the same
 * statements, under the same names, by construction.
 */
export interface AwsRolePlan {
  readonly trust: AwsTrust;
  /** The product's part of every name (awsProductTag). */
  readonly productTag: string;
  readonly roleDescription: string;
  /** The role's managed policies, packed within IAM's limits, numbered from 1 in this order. */
  readonly policies: readonly (readonly AwsStatement[])[];
  /** The permissions boundary of the roles the vendor creates, when a set creates identities. */
  readonly boundary?: readonly AwsStatement[];
}

export const AWS_BOUNDARY_DESCRIPTION = 'The most a role the vendor creates for the deployment may do (its permissions boundary)';

export function awsRolePlan(model: TrustModel): AwsRolePlan {
  const trust = model.aws;
  if (!trust) throw new Error('the AWS role needs a model that includes AWS');
  const productTag = awsProductTag(model.name);
  return {
    trust,
    productTag,
    roleDescription:
      trust.kind === 'role'
        ? `Assumed by ${model.name} (${trust.managingRoleArn}) with your external id`
        : `Assumed by ${model.name} with an OIDC token from ${trust.oidc.issuer} naming your customer id`,
    policies: packPolicies([...mergeStatements(model.permissionSets), selfReadStatement(productTag)]),
    boundary: model.permissionSets.some((set) => set.createsWorkloadIdentities && set.aws) ? workloadBoundaryStatements(model) : undefined,
  };
}

/**
 * The permissions boundary every role the vendor creates must carry (the role writes of a set
 * that creates identities are conditioned on it): the AWS statements of the spec's
 * `workloadIdentities` sets, in one policy, attached to nothing.
 */
function workloadBoundaryStatements(model: TrustModel): readonly AwsStatement[] {
  const sets = model.workloadIdentities?.permissionSets;
  if (!sets)
    throw new Error('a set creates workload identities but the model has no workloadIdentities (checkWorkloadIdentities runs first)');
  const policies = packPolicies(mergeStatements(sets));
  if (policies.length !== 1) {
    throw new LimitError(
      'aws',
      'permissions boundary',
      `workloadIdentities.permissions need ${policies.length} policies of ${AWS_LIMITS.policyCharacters} characters; a boundary is one policy. Name fewer sets.`,
    );
  }
  return policies[0];
}
