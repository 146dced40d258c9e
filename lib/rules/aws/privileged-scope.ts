import { PREFIX_PLACEHOLDER } from '../../input/variables';
import type { SetRule } from '../finding';
import { privilegedGrants } from '../sensitive';

/**
 * A statement with a privileged action names only the deployment's own resources in its ARNs:
 * neither `*` nor a condition stands in for that.
 */
export const awsPrivilegedStatementsNamePrefix: SetRule = (set) => {
  const statements = new Set(privilegedGrants(set).flatMap((g) => (g.cloud === 'aws' ? [g.path[1] as number] : [])));
  return [...statements].flatMap((s) =>
    set.aws![s].resources.flatMap((resource, r) =>
      resource.includes(PREFIX_PLACEHOLDER)
        ? []
        : [
            {
              path: ['aws', s, 'resources', r],
              message: `a statement with privileged actions must name only \${prefix} resources, not ${resource}`,
            },
          ],
    ),
  );
};
