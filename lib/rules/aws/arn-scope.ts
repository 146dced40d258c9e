import { PREFIX_PLACEHOLDER as PREFIX } from '../../core/variables';
import type { Finding } from '../finding';
import { defineRule } from '../rule';

/** An ARN names resources of the customer's own account and region, and of the deployment. */
export const awsArnsStayInTheDeployment = defineRule(
  {
    id: 'aws-arn-scope',
    summary:
      'An ARN names the region and account as `${region}` and `${account}` (or leaves them empty for a global service), and has no wildcard before `${prefix}`.',
    why: "One template is deployed into many accounts and regions: a fixed account reaches someone else's, a wildcard region reaches every region, and `parameter/*${prefix}*` matches any name that merely contains the prefix, another deployment's too.",
  },
  (set) =>
    (set.aws ?? []).flatMap((statement, s) =>
      statement.resources.flatMap((resource, r) => {
        if (!resource.startsWith('arn:')) return [];
        const path = ['aws', s, 'resources', r];
        const [, , , region = '', account = '', ...rest] = resource.split(':');
        const found: Finding[] = [];
        if (region !== '' && region !== '${region}')
          found.push({
            path,
            message: `the region "${region}" is fixed; write \${region} (the stack's region), or leave it empty for a global service`,
          });
        if (account !== '' && account !== '${account}')
          found.push({
            path,
            message: `the account "${account}" is fixed; write \${account} (the customer's account), or leave it empty where the ARN has none`,
          });
        const name = rest.join(':');
        const beforePrefix = name.includes(PREFIX) ? name.slice(0, name.indexOf(PREFIX)) : '';
        if (/[*?]/.test(beforePrefix))
          found.push({
            path,
            message: `a wildcard before \${prefix} matches names that only contain the prefix; start the name with \${prefix}`,
          });
        return found;
      }),
    ),
);
