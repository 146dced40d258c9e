import { azureRoleOperations } from '../azure/azure-operations';
import { CLOUD_PROVIDERS } from '../clouds/registry';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import {
  AWS_IAM_PATH,
  awsProductTag,
  awsWorkloadPath,
  awsWorkloadPolicyName,
  awsWorkloadRoleName,
  azureWorkloadIdentityName,
  gcpServiceAccountIdShown,
  gcpServiceAccountDomain,
} from '../core/names';
import type { TrustModel } from '../model/trust-model';
import { INSTANCE_PROFILE_SERVICE, WORKLOAD_SERVICES } from '../core/workload-services';
import { code, codeList, shown } from '../core/markdown';

const AWS = CUSTOMER_INTERFACE.aws;
const GCP = CUSTOMER_INTERFACE.gcp;
const AZURE = CUSTOMER_INTERFACE.azure;

/** Who can get in, under which conditions, for how long, and what the customer sends back. */
export function trustSection(model: TrustModel): string[] {
  return [
    '## Who can get in',
    '',
    ...model.clouds.flatMap((cloud) => CLOUD_PROVIDERS[cloud].review.trust(model)),
    ...workloadSection(model),
  ];
}

/**
 * The identities the application runs as (spec `workloadIdentities`): created by the customer's
 * template, trusted only by the services the spec names, with the permissions of the workload
 * sets; the vendor only passes, attaches or acts as them. Shown beside the vendor's own identity because
 * code the vendor deploys runs as them.
 */
function workloadSection(model: TrustModel): string[] {
  const workload = model.workloadIdentities;
  if (!workload) return [];
  const prefix = shown(AWS.inputs.prefix);
  const azurePrefix = shown(AZURE.inputs.prefix);
  const passesRoles = model.permissionSets.some((set) => set.aws?.some((s) => s.actions.includes('iam:PassRole')));
  const gcpWorkload = (name: string) => gcpServiceAccountIdShown(shown(GCP.inputs.prefix), name);
  const identities = workload.identities.map((identity) => {
    const services = identity.services.map((s) => WORKLOAD_SERVICES[s]);
    const held = services.filter((s) => s.sourceAccount).map((s) => s.aws);
    const parts = [
      ...(model.aws
        ? [
            `on AWS the role ${code(`${awsWorkloadPath(prefix).slice(1)}${awsWorkloadRoleName(prefix, identity.name)}`)}, trusted only by ${codeList(services.map((s) => s.aws))} (what runs as it: ${services.map((s) => s.runs).join(', ')})${held.length > 0 ? `, ${held.length === services.length ? 'each' : codeList(held)} only for your own account (${code('aws:SourceAccount')})` : ''}${identity.services.includes(INSTANCE_PROFILE_SERVICE) ? `, with the instance profile ${code(awsWorkloadRoleName(prefix, identity.name))}` : ''}`,
          ]
        : []),
      ...(model.gcp
        ? [
            `on GCP the service account ${code(`${gcpWorkload(identity.name).id}@${gcpServiceAccountDomain(shown(GCP.inputs.project))}`)}${gcpWorkload(identity.name).note}, with no keys`,
          ]
        : []),
      ...(model.azure
        ? [
            `on Azure the user-assigned managed identity ${code(azureWorkloadIdentityName(azurePrefix, identity.name))} in ${code(shown(AZURE.inputs.resourceGroup))}, with no federated credential and no secret`,
          ]
        : []),
    ];
    return `- **${code(identity.name)}**: ${parts.length > 0 ? parts.join('; ') : 'no identity on the clouds generated here'}.`;
  });
  const sets = codeList(workload.permissionSets.map((s) => s.id));
  return [
    '### Workload identities',
    '',
    `Your application runs as these identities. The template creates them and writes their trust policies; the vendor never creates identities or writes a trust policy, and may only pass, attach or act as exactly these.`,
    '',
    ...identities,
    `- **What they may do**: the permission sets ${sets}${model.aws ? `, as the managed policies ${code(awsWorkloadPolicyName(prefix, awsProductTag(model.name), shown('region'), 1))} and following under ${code(AWS_IAM_PATH)} on AWS` : ''}${model.gcp ? "; on GCP custom roles of those sets, bound to each service account with the set's own condition" : ''}${model.azure && workload.azureRoles.length > 0 ? `; on Azure the built-in roles ${codeList(workload.azureRoles.map((r) => r.name))}, assigned by the template at the resource group` : ''}. Their details are under "What it can do" for the sets the vendor holds too, and in the catalog otherwise.`,
    ...(model.aws
      ? [
          `- **What the vendor may do with them on AWS**: ${passesRoles ? '' : 'nothing today (no granted set passes a role); a set that does holds '}${code('iam:PassRole')} only on ${code(`role${awsWorkloadPath(prefix)}*`)}, a path that holds nothing else (your own roles and the vendor's management role sit elsewhere), and only to the service each grant names (${code('iam:PassedToService')}). No grant creates, re-trusts, tags or deletes a role, or writes a role policy.`,
        ]
      : []),
    ...(model.gcp
      ? [
          `- **What the vendor may do with them on GCP**: ${
            model.permissionSets.some((set) => set.gcp?.actAsRuntimeServiceAccounts)
              ? `act as them (${code('roles/iam.serviceAccountUser')} on each of these accounts alone, never on the project), so what it deploys runs as one of them and as no other account.`
              : 'nothing acts as them (no granted set deploys with a runtime service account).'
          } It grants them no role: this configuration binds theirs.`,
        ]
      : []),
    ...(model.azure
      ? [
          `- **What the vendor may do with them on Azure**: ${
            azureRoleOperations(model.permissionSets).attaches
              ? `attach them (${code('userAssignedIdentities/assign/action')}) through a role assigned at each workload identity alone, never at the resource group, so the vendor's own managed identity can never be attached to anything.`
              : 'nothing attaches them (no granted set attaches identities).'
          } Its role assignments, where a set grants them, go only to these identities and only with their ${code('azureRoles')}.`,
        ]
      : []),
    `- **When you delete the stack**: ${[
      ...(model.aws
        ? [
            'deleting the CloudFormation stack (or `terraform destroy` of the AWS configuration) deletes the roles, their policies and instance profiles',
          ]
        : []),
      ...(model.gcp ? ['`terraform destroy` of the GCP configuration deletes the service accounts and their roles'] : []),
      ...(model.azure ? ['`terraform destroy` of the Azure configuration deletes the identities and their role assignments'] : []),
    ].join('; ')}. Code the vendor deployed that runs as them loses its credentials with them.`,
    '',
  ];
}
