import { CLOUD_PROVIDERS } from '../clouds/registry';
import type { TrustModel } from '../model/trust-model';
import { code, codeList } from '../core/markdown';

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
  const providers = model.clouds.map((cloud) => CLOUD_PROVIDERS[cloud].review.workload);
  const identities = workload.identities.map((identity) => {
    const parts = providers.map((p) => p.identity(model, identity));
    return `- **${code(identity.name)}**: ${parts.length > 0 ? parts.join('; ') : 'no identity on the clouds generated here'}.`;
  });
  const sets = codeList(workload.permissionSets.map((s) => s.id));
  return [
    '### Workload identities',
    '',
    `Your application runs as these identities. The template creates them and writes their trust policies; the vendor never creates identities or writes a trust policy, and may only pass, attach or act as exactly these.`,
    '',
    ...identities,
    `- **What they may do**: the permission sets ${sets}${providers.map((p) => p.permissions(model, workload)).join('')}. Their details are under "What it can do" for the sets the vendor holds too, and in the catalog otherwise.`,
    ...providers.map((p) => p.vendor(model)),
    `- **When you delete the stack**: ${providers.map((p) => p.deletion).join('; ')}. Code the vendor deployed that runs as them loses its credentials with them.`,
    '',
  ];
}
