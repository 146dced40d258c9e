import type { PermissionSet, Template } from '../model/trust-model';

/**
 * Roles AWS creates at a service's first use in an account. AWS fixes their names, so no grant
 * of a deployment can create them (every IAM grant names the prefix); the account's owner makes
 * each once. Keyed by the action whose first call needs it.
 */
const SERVICE_LINKED_ROLES: readonly { readonly action: string; readonly service: string }[] = [
  { action: 'elasticloadbalancing:CreateLoadBalancer', service: 'elasticloadbalancing.amazonaws.com' },
  { action: 'autoscaling:CreateAutoScalingGroup', service: 'autoscaling.amazonaws.com' },
];

/** The services whose service-linked role the granted sets need, in a fixed order. */
export function awsServiceLinkedRoles(sets: readonly PermissionSet[]): string[] {
  const actions = new Set(sets.flatMap((s) => (s.aws ?? []).flatMap((statement) => statement.actions)));
  return SERVICE_LINKED_ROLES.filter((r) => actions.has(r.action)).map((r) => r.service);
}

/**
 * Whether a granted set creates anything in a VPC only when the VPC is the deployment's, found
 * by Alien's tag `deployment=<prefix>`: a customer who brings their own VPC must tag it so.
 */
export function awsNeedsTaggedVpc(sets: readonly PermissionSet[]): boolean {
  return sets.some((s) =>
    (s.aws ?? []).some(
      (statement) =>
        statement.resources.some(isAnyVpc) &&
        Object.values(statement.conditions ?? {}).some((byKey) => 'aws:ResourceTag/deployment' in byKey),
    ),
  );
}

/** `arn:${partition}:ec2:${region}:${account}:vpc/*`: its last part is the literal `:vpc/*`. */
function isAnyVpc(resource: Template): boolean {
  const last = resource[resource.length - 1];
  return last !== undefined && 'text' in last && last.text.endsWith(':vpc/*');
}
