import type { SetRule } from '../finding';

/**
 * iam:PassRole hands the deployment's roles to one named service: the statement names roles
 * under `${prefix}` and carries an `iam:PassedToService` condition.
 */
export const awsPassRoleIsNarrow: SetRule = (set) =>
  (set.aws ?? []).flatMap((statement, s) => {
    if (!statement.actions.includes('iam:PassRole')) return [];
    const findings = statement.resources
      .map((resource, r) => ({ resource, r }))
      .filter(({ resource }) => !/:role\/(.*\/)?\$\{prefix\}-/.test(resource))
      .map(({ resource, r }) => ({
        path: ['aws', s, 'resources', r],
        message: `iam:PassRole must name roles of the deployment (role/\${prefix}-...), not ${resource}`,
      }));
    const conditioned = Object.values(statement.conditions ?? {}).some((keys) => 'iam:PassedToService' in keys);
    if (!conditioned)
      findings.push({
        path: ['aws', s],
        message: 'iam:PassRole needs a condition on iam:PassedToService naming the service that receives the role',
      });
    return findings;
  });
