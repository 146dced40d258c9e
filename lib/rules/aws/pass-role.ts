import { AWS_WORKLOAD_PATH_ROOT } from '../../model/names';
import type { SetRule } from '../finding';

/**
 * The only roles a set may pass: the workload roles the template creates, under
 * `/alien-workload/${prefix}/`, a path nothing else of the customer's or the vendor's sits on
 * (lib/model/names.ts awsWorkloadPath). A name pattern alone (`role/${prefix}-*`) would also
 * reach any customer role that happens to carry the prefix, or sits under a `/${prefix}-…/` path.
 */
const WORKLOAD_ROLE = new RegExp(`^arn:\\$\\{partition\\}:iam::\\$\\{account\\}:role/${AWS_WORKLOAD_PATH_ROOT}/\\$\\{prefix\\}/`);

/**
 * iam:PassRole hands a workload role to one named service: the statement names roles under the
 * workload path and carries a StringEquals `iam:PassedToService` condition (the service the
 * identity must also trust, which the template's trust policy checks once more).
 */
export const awsPassRoleIsNarrow: SetRule = (set) =>
  (set.aws ?? []).flatMap((statement, s) => {
    if (!statement.actions.includes('iam:PassRole')) return [];
    const findings = statement.resources
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
  });
