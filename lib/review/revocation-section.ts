import { CLOUD_PROVIDERS } from '../clouds/registry';
import { CLOUD_NAMES } from '../core/variables';
import type { TrustModel } from '../model/trust-model';
import { code } from '../core/markdown';

/** How to cut the vendor off on each cloud, at once or for good, and what stops working. */
export function revocationSection(model: TrustModel): string[] {
  const lines = [
    '## Revoking access',
    '',
    `Revoking stops the vendor from deploying updates, reading logs and running commands for ${code(model.name)} in your cloud; the resources it created stay where they are. Credentials already issued last until they expire (see "Session length" above) unless you also take the second step listed.`,
    '',
  ];
  for (const cloud of model.clouds) lines.push(...CLOUD_PROVIDERS[cloud].review.revocation(model));
  return [...lines, ...notUndone(model)];
}

/**
 * What revoking leaves behind, derived from the granted sets: code the vendor deployed keeps
 * running as the workloads' identities (true of every spec), and per cloud each set marked
 * `outlivesRevocation`, with how to find and remove what it left.
 */
function notUndone(model: TrustModel): string[] {
  const lines = [
    '### What revoking does not undo',
    '',
    "- **Deployed code keeps running**: what the vendor deployed runs on as your workloads' own identities, with their permissions, until you replace or stop it.",
  ];
  const marked = model.permissionSets.filter((s) => s.outlivesRevocation);
  for (const cloud of model.clouds) {
    for (const set of marked) {
      const find = set.outlivesRevocation?.[cloud];
      if (find && !set.unsupported[cloud])
        lines.push(`- **${CLOUD_NAMES[cloud]}, ${code(set.id)}**: ${set.outlivesRevocation!.reason} ${find}`);
    }
  }
  if (marked.length === 0)
    lines.push('- Nothing else: no granted set writes a trust or resource policy, attaches an identity or resets a credential.');
  return [...lines, ''];
}
