import { AWS_WORKLOAD_PATH_ROOT } from '../../core/names';
import type { Finding } from '../finding';
import { defineRule } from '../rule';

/**
 * The only roles a set may pass: the workload roles the template creates, under
 * `/alien-workload/${prefix}/`, a path nothing else of the customer's or the vendor's sits on
 * (lib/model/names.ts awsWorkloadPath). A name pattern alone (`role/${prefix}-*`) would also
 * reach any customer role that happens to carry the prefix, or sits under a `/${prefix}-…/` path.
 */
const WORKLOAD_ROLE = new RegExp(`^arn:\\$\\{partition\\}:iam::\\$\\{account\\}:role/${AWS_WORKLOAD_PATH_ROOT}/\\$\\{prefix\\}/`);

/** The service named by `iam:PassedToService` must also be one the identity trusts, which the template's trust policy checks once more. */
export const awsPassRoleIsNarrow = defineRule(
  {
    id: 'aws-pass-role',
    summary: `iam:PassRole names only the workload roles the template creates (\`role/${AWS_WORKLOAD_PATH_ROOT}/\${prefix}/…\`) and carries \`StringEquals: { iam:PassedToService: <service> }\`.`,
    why: 'Passing a role lets a service act with it: a name pattern alone (`role/${prefix}-*`) would also reach any customer role that carries the prefix, and without the service condition the role could go to any service, code the vendor runs included.',
  },
  (set) =>
    (set.aws ?? []).flatMap((statement, s) => {
      if (!statement.actions.includes('iam:PassRole')) return [];
      const findings: Finding[] = statement.resources
        .map((resource, r) => ({ resource, r }))
        .filter(({ resource }) => !WORKLOAD_ROLE.test(resource))
        .map(({ resource, r }) => ({
          path: ['aws', s, 'resources', r],
          message: `iam:PassRole must name the template's workload roles (arn:\${partition}:iam::\${account}:role/${AWS_WORKLOAD_PATH_ROOT}/\${prefix}/...), not ${resource}`,
        }));
      if (statement.conditions?.StringEquals?.['iam:PassedToService'] === undefined)
        findings.push({
          path: ['aws', s],
          message: 'iam:PassRole needs StringEquals: { iam:PassedToService: <service> } naming the service that receives the role',
        });
      return findings;
    }),
);
