import { awsProductTag } from '../core/names';
import type { AwsStatement, AwsTrust, TrustModel, WorkloadIdentities } from '../model/trust-model';
import { INSTANCE_PROFILE_SERVICE, WORKLOAD_SERVICES } from '../core/workload-services';
import { awsForm } from './forms';
import { mergeStatements, packPolicies } from './permission-policies';
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
  /** The workload roles the template creates (spec `workloadIdentities`), when the spec has them. */
  readonly workload?: AwsWorkloadPlan;
}

export interface AwsWorkloadPlan {
  readonly roles: readonly AwsWorkloadRole[];
  /** Their managed policies (the same on every role), packed within IAM's limits, numbered from 1. */
  readonly policies: readonly (readonly AwsStatement[])[];
}

export interface AwsWorkloadRole {
  /** The spec's name: the role is `<prefix>-<name>` under `/alien-workload/<prefix>/`. */
  readonly name: string;
  readonly description: string;
  /**
   * The trust policy's statements, as service principals: those that send `aws:SourceAccount`
   * are held to the customer's account, the others (EC2) stand alone (lib/model/workload-services.ts).
   */
  readonly trust: { readonly services: readonly string[]; readonly sourceAccount: boolean }[];
  /** Whether EC2 runs as it, so the template creates an instance profile of the same name. */
  readonly instanceProfile: boolean;
}

export function awsRolePlan(model: TrustModel): AwsRolePlan {
  const trust = model.aws;
  if (!trust) throw new Error('the AWS role needs a model that includes AWS');
  const productTag = awsProductTag(model.name);
  return {
    trust,
    productTag,
    roleDescription: awsForm(trust).roleDescription(trust, model.name),
    policies: packPolicies([...mergeStatements(model.permissionSets), selfReadStatement(productTag)]),
    workload: model.workloadIdentities && workloadPlan(model.name, model.workloadIdentities),
  };
}

/**
 * The template's own workload roles. The customer's stack writes every trust policy, naming only
 * the services the spec lists, and their permissions are managed policies of the spec's
 * `workloadIdentities.permissions` sets, which only the stack writes. No permissions boundary:
 * the boundary bounded roles the vendor created, and the vendor creates none, nor can it change
 * a role's policies; a boundary equal to the policies would bound nothing more.
 */
function workloadPlan(product: string, workload: WorkloadIdentities): AwsWorkloadPlan {
  const statements = mergeStatements(workload.permissionSets);
  return {
    roles: workload.identities.map(({ name, services }) => {
      const entries = services.map((s) => WORKLOAD_SERVICES[s]);
      const trust = [true, false]
        .map((sourceAccount) => ({ sourceAccount, services: entries.filter((e) => e.sourceAccount === sourceAccount).map((e) => e.aws) }))
        .filter((t) => t.services.length > 0);
      return {
        name,
        description: `Runs ${product}'s ${name} as ${services.join(', ')}; created by your stack, trusted only by those services`,
        trust,
        instanceProfile: services.includes(INSTANCE_PROFILE_SERVICE),
      };
    }),
    policies: packPolicies(statements),
  };
}

/**
 * A workload identity's part of logical ids: its name with each hyphen as `X`. Names are lower
 * case, so no two names give one id, and the id stays with the name when the spec reorders them
 * (a new logical id would replace the role, and a replacement of a named role fails).
 */
export function workloadLogicalPart(name: string): string {
  return name.replace(/-/g, 'X');
}

/** The tag Alien's own resources carry, which its heartbeat checks (`aws:ResourceTag/deployment`). */
export const DEPLOYMENT_TAG = 'deployment';
