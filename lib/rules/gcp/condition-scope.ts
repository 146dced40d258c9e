import { PREFIX_PLACEHOLDER } from '../../core/variables';
import type { Finding } from '../finding';
import { defineRule } from '../rule';
import { privilegedGrants } from '../sensitive';
import { supportsResourceConditions } from './condition-support';

export const gcpGrantIsScoped = defineRule(
  {
    id: 'gcp-condition-scope',
    summary:
      "A GCP grant is scoped by a condition on `${prefix}` when every permission's service supports IAM conditions, and is otherwise project-wide with the reason in `projectWide`; a privileged permission is always under a condition.",
    why: "A role binding without a condition reaches every resource of the project; a reason is no excuse where a condition could have named the deployment's own, and a condition on a service that ignores it would scope nothing.",
  },
  (set) => {
    const gcp = set.gcp;
    if (!gcp) return [];
    const findings: Finding[] = [];
    if (gcp.condition) {
      if (!gcp.condition.expression.includes(PREFIX_PLACEHOLDER)) {
        findings.push({ path: ['gcp', 'condition', 'expression'], message: 'the condition must limit the grant to ${prefix} resources' });
      }
      gcp.permissions.forEach((p, i) => {
        if (!supportsResourceConditions(p)) {
          findings.push({
            path: ['gcp', 'permissions', i],
            message: `${p} ignores IAM conditions, so the condition would not scope it; grant it in a project-wide set`,
          });
        }
      });
      if (gcp.projectWide)
        findings.push({ path: ['gcp', 'projectWide'], message: 'a grant with a condition is not project-wide; remove projectWide' });
      return findings;
    }
    // Project-wide only where the service cannot take a condition: a reason is no excuse to
    // grant every secret of the project when a condition could have named the deployment's.
    const conditionable = gcp.permissions.every(supportsResourceConditions);
    if (conditionable) {
      findings.push({
        path: gcp.projectWide ? ['gcp', 'projectWide'] : ['gcp'],
        message:
          'these permissions support IAM conditions; add a condition limiting them to ${prefix} resources instead of granting them project-wide',
      });
    } else if (!gcp.projectWide) {
      findings.push({ path: ['gcp'], message: 'no condition: say why the grant is project-wide in projectWide, or add a condition' });
    }
    // actAsRuntimeServiceAccounts is scoped by the module, one listed account at a time.
    for (const g of privilegedGrants(set).filter((g) => g.cloud === 'gcp' && g.path[1] === 'permissions')) {
      findings.push({ path: g.path, message: `${g.operation} is privileged and must be limited by a condition on \${prefix}` });
    }
    return findings;
  },
);
