import type { Finding } from '../finding';
import { defineRule } from '../rule';

/**
 * IAM actions a set may grant: reads, and PassRole (held to the workload path by
 * awsPassRoleIsNarrow). Every other IAM action creates or changes an identity, a policy or a trust
 * policy, and the customer's template owns all of those (issue 24): IAM cannot constrain what a
 * trust policy names, so a role the vendor could create or re-trust would be a door that outlives
 * the stack.
 */
const AWS_IAM_ALLOWED = /^iam:(Get|List)[A-Za-z]*$|^iam:PassRole$/;

/** Azure identity writes: the template creates every user-assigned identity and its credentials. */
const AZURE_IDENTITY_WRITES =
  /^Microsoft\.ManagedIdentity\/userAssignedIdentities\/(write|delete|federatedIdentityCredentials\/(write|delete))$/i;

/** GCP identity writes: service accounts, their keys and who may act as them. */
const GCP_IDENTITY_WRITES =
  /^iam\.(serviceAccounts\.(create|delete|update|undelete|enable|setIamPolicy|actAs)|serviceAccountKeys\.create|roles\.(create|update|delete))$/;

const TEMPLATE_OWNS =
  "the customer's template creates every identity and writes every trust policy (spec workloadIdentities); refuse it in the set's refuses with the reason";

/**
 * The vendor creates no identity and writes no trust or permission policy of one, on any cloud:
 * the identities the application runs as are the template's (`workloadIdentities.identities`),
 * and the vendor may only pass (AWS), attach (Azure, at each identity's own scope) or act as (GCP,
 * through `actAsRuntimeServiceAccounts`, one listed account at a time) exactly those.
 */
export const identitiesAreTheTemplates = defineRule(
  {
    id: 'identities-from-template',
    summary:
      "A set creates no identity and writes no identity's policies or trust, on any cloud: on AWS no IAM action but reads and iam:PassRole, on Azure no user-assigned identity or federated credential writes, on GCP no service-account, key or role writes (and actAs only through `actAsRuntimeServiceAccounts`).",
    why: "IAM cannot constrain what a trust policy names, so a role the vendor could create or re-trust would be a door that outlives the stack; the identities the application runs as come from the customer's template (spec `workloadIdentities`), and the vendor may only pass, attach or act as exactly those.",
  },
  (set) => {
    const findings: Finding[] = [];
    (set.aws ?? []).forEach((statement, s) =>
      statement.actions.forEach((action, a) => {
        if (action.startsWith('iam:') && !AWS_IAM_ALLOWED.test(action))
          findings.push({ path: ['aws', s, 'actions', a], message: `${action} writes an identity or its policies; ${TEMPLATE_OWNS}` });
      }),
    );
    (set.azure?.actions ?? []).forEach((op, i) => {
      if (AZURE_IDENTITY_WRITES.test(op))
        findings.push({ path: ['azure', 'actions', i], message: `${op} writes an identity; ${TEMPLATE_OWNS}` });
    });
    (set.gcp?.permissions ?? []).forEach((permission, i) => {
      if (GCP_IDENTITY_WRITES.test(permission))
        findings.push({
          path: ['gcp', 'permissions', i],
          message:
            permission === 'iam.serviceAccounts.actAs'
              ? 'iam.serviceAccounts.actAs on the project reaches every service account; set actAsRuntimeServiceAccounts: true instead, which grants it on the runtime service accounts one by one'
              : `${permission} writes an identity; ${TEMPLATE_OWNS}`,
        });
    });
    return findings;
  },
);
