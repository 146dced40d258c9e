import { PREFIX_PLACEHOLDER } from '../../core/variables';
import { defineRule } from '../rule';
import { privilegedGrants } from '../sensitive';

export const awsPrivilegedStatementsNamePrefix = defineRule(
  {
    id: 'aws-privileged-scope',
    summary:
      "A statement with a privileged action names only the deployment's own resources: every ARN carries `${prefix}`; neither `*` nor a condition stands in for that.",
    why: 'A privileged action changes access or hands out credentials; a condition can be missed by a service that ignores the key, a name in the ARN cannot.',
  },
  (set) => {
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
  },
);
