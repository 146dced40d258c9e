import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { gcpRoleId } from '../core/names';
import { templateSource } from '../model/template';
import { mapConditions } from '../model/conditions';
import type { AwsStatement, PermissionSet, TrustModel } from '../model/trust-model';
import { type Cloud, CLOUD_NAMES } from '../core/variables';
import { code, codeList, shown } from '../core/markdown';

/** Why Alien's profile picks a set, in the reader's words (lib/catalog/stack-profile.ts). */
const PICK_RULES: Readonly<Record<string, string>> = {
  provision: 'Alien creates, updates and deletes it',
  management: 'Alien manages it after your setup created it',
  heartbeat: 'Alien checks it is healthy',
  'dispatch-command': 'Alien sends it commands',
  'trigger-management': "Alien connects the bucket's events to the worker",
};

/** Per permission set: what it is for, and per cloud the exact grants and their scope. */
export function permissionsSection(model: TrustModel): string[] {
  const lines = [
    '## What it can do',
    '',
    `${model.permissionSets.length} permission set${model.permissionSets.length === 1 ? '' : 's'}. In resources and conditions, ${code('${prefix}')} is the resource prefix you enter; ${code('${partition}')}, ${code('${region}')}, ${code('${account}')} and ${code('${project}')} are filled in at deploy time. GCP role ids end in ${code('<suffix>')}, random hex chosen at the first apply.`,
    '',
  ];
  // The workload identities (created by the template) are shown under "Who can get in" (trust-section.ts).
  if (model.stackPicks && model.stackPicks.length > 0) {
    lines.push(
      '### Picked from the application',
      '',
      "The spec describes the application's resources; these sets are the ones Alien's control plane assigns for them (a resource Alien creates, updates and deletes is live; one your setup creates is frozen, and Alien only checks it).",
      '',
      '| Set | For | Because |',
      '|---|---|---|',
      ...model.stackPicks.map(
        (p) =>
          `| ${code(p.id)} | ${p.resources.map((r) => `${r.kind} "${r.id}" (${r.lifecycle})`).join(', ')} | ${PICK_RULES[p.rule] ?? p.rule} |`,
      ),
      '',
    );
  }
  const content = model.permissionSets.filter((s) => s.contentRead);
  if (content.length > 0) {
    lines.push(
      '### Reads your content',
      '',
      `These sets let the vendor read the content of your resources (object bodies, secret values, table items, messages), not only their configuration: ${codeList(content.map((s) => s.id))}. They are listed under "Content" below.`,
      '',
    );
  }
  // Grants that reach past the deployment's resources, shown apart (issue 24): on GCP, services
  // that ignore IAM conditions take a set's grant on the whole project.
  const projectWide = model.clouds.includes('gcp') ? model.permissionSets.filter((s) => s.gcp?.projectWide) : [];
  if (projectWide.length > 0) {
    lines.push(
      '### Reaches beyond the deployment',
      '',
      "On GCP these sets hold on the whole project, not only on the deployment's resources, because the services they use ignore IAM conditions on resource names: the vendor can use them on every such resource of the project, your own and other deployments' included. Keep the deployment in a project of its own to keep them to it.",
      '',
      ...projectWide.map((s) => `- ${code(s.id)}: ${s.gcp!.projectWide}`),
      '',
    );
  }
  // Code the vendor deploys runs as the workload identities: what they read, the vendor's code reads.
  const workloadContent = (model.workloadIdentities?.permissionSets ?? []).filter((s) => s.contentRead);
  if (workloadContent.length > 0) {
    lines.push(
      '### Reads your content through the application',
      '',
      `The workload identities your template creates may read content (${codeList(workloadContent.map((s) => s.id))}), and the code the vendor deploys runs as them: whatever that code reads, the vendor's code reads, even where the vendor's own identity cannot. Leave these sets out of workloadIdentities unless the application needs them.`,
      '',
    );
  }
  for (const set of model.permissionSets.filter((s) => !s.contentRead)) lines.push(...setSection(set, model.clouds));
  if (content.length > 0) {
    lines.push('## Content', '');
    for (const set of content) lines.push(...setSection(set, model.clouds));
  }
  return lines;
}

function setSection(set: PermissionSet, clouds: readonly Cloud[]): string[] {
  const lines = [`### ${code(set.id)}`, '', `${set.description}${set.origin === 'custom' ? ' (defined in the trust spec)' : ''}`, ''];
  if (set.privilegedReason) lines.push(`> **Privileged**: this set can change access or hand out credentials. ${set.privilegedReason}`, '');
  if (set.contentRead) lines.push("> **Reads content**: this set reads your data, not only your infrastructure's settings.", '');
  if (set.outlivesRevocation)
    lines.push(`> **Outlives revocation**: ${set.outlivesRevocation.reason} See "What revoking does not undo".`, '');
  const refused = set.refuses
    .map((r) => ({ ...r, permissions: r.permissions.filter((p) => clouds.includes(permissionCloud(p))) }))
    .filter((r) => r.permissions.length > 0);
  if (refused.length > 0) {
    lines.push(
      "> **Refused**: Alien's control plane makes these calls under this set's id; the set does not grant them, and the call fails:",
      ...refused.map((r) => `> - ${codeList(r.permissions)}: ${r.reason}`),
      '',
    );
  }
  for (const cloud of clouds) {
    const unsupported = set.unsupported[cloud];
    if (unsupported) {
      lines.push(`- **${CLOUD_NAMES[cloud]}**: not granted. ${unsupported}`);
      continue;
    }
    lines.push(...GRANTS[cloud](set));
  }
  lines.push('');
  return lines;
}

/** The cloud a permission's spelling belongs to: `s3:GetObject`, `Microsoft.Storage/…`, `storage.objects.get`. */
function permissionCloud(permission: string): Cloud {
  return permission.includes('/') ? 'azure' : permission.includes(':') ? 'aws' : 'gcp';
}

function awsGrant(set: PermissionSet): string[] {
  return ['- **AWS**, allowed:', ...set.aws!.map((s) => `  - ${awsStatement(s)}`)];
}

/**
 * One statement in words. The spec rules allow `*` only for actions that take no resource type at
 * all, or where a condition key of the action itself names the deployment; so `*` without a
 * condition means the actions take no resource, and with one, the condition is what limits it.
 */
function awsStatement(statement: AwsStatement): string {
  const resources = statement.resources.map(templateSource);
  const conditions = Object.entries(mapConditions(statement.conditions ?? {}, templateSource)).flatMap(([operator, entries]) =>
    Object.entries(entries).map(
      ([key, value]) =>
        `${code(key)} ${operator} ${typeof value === 'string' ? code(value) : Array.isArray(value) ? `one of ${codeList(value)}` : code(String(value))}`,
    ),
  );
  const anyResource = resources.length === 1 && resources[0] === '*';
  if (anyResource && conditions.length === 0)
    return `${codeList(statement.actions)} on any resource (${code('*')}: these actions take no resource type, so IAM cannot limit them to particular resources)`;
  const on = anyResource ? `on any resource (${code('*')})` : `on ${codeList(resources)}`;
  return `${codeList(statement.actions)} ${on}${conditions.length > 0 ? `, only when ${conditions.join(' and ')}` : ''}`;
}

function gcpGrant(set: PermissionSet): string[] {
  const grant = set.gcp!;
  const role = gcpRoleId(shown(CUSTOMER_INTERFACE.gcp.inputs.prefix), shown('suffix'), set.id);
  const scope = grant.condition
    ? `only where ${code(templateSource(grant.condition.expression))}`
    : `on the whole project ${code(shown(CUSTOMER_INTERFACE.gcp.inputs.project))}: ${grant.projectWide ?? 'no condition.'}`;
  return [`- **GCP**, custom role ${code(role)}: ${codeList([...grant.permissions].sort())}`, `  - Scope: ${scope}`];
}

function azureGrant(set: PermissionSet): string[] {
  const grant = set.azure!;
  const lines = [`- **Azure**, in the resource group ${code(shown(CUSTOMER_INTERFACE.azure.inputs.resourceGroup))} only:`];
  if (grant.actions.length > 0) lines.push(`  - Actions: ${codeList(grant.actions)}`);
  if (grant.dataActions.length > 0) lines.push(`  - Data actions: ${codeList(grant.dataActions)}`);
  return lines;
}

/** Each cloud's grants of a set, for a cloud the set supports. */
const GRANTS: Record<Cloud, (set: PermissionSet) => string[]> = { aws: awsGrant, gcp: gcpGrant, azure: azureGrant };
