import { CLOUD_PROVIDERS } from '../clouds/registry';
import { REVIEW_FILE } from '../core/install-text';
import { code, codeList, shown } from '../core/markdown';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import type { TrustModel } from '../model/trust-model';
import type { ReleaseFiles } from '../output/generate';

/** The install page's file name inside a release folder. */
export const INSTALL_FILE = 'INSTALL.md';

/**
 * The page a customer follows to install this release: what it grants in one paragraph, then per
 * cloud the exact steps with this release's paths, parameters and variables, how to check it,
 * upgrade it and revoke it. The inputs are read from the release's own templates (`files`), so
 * the page names exactly what they declare; it is generated and listed in the manifest like
 * PERMISSIONS.md, so `check` and `diff` cover it.
 */
export function installPage(model: TrustModel, files: ReleaseFiles): string {
  const lines = [
    `# Install: ${model.name} ${model.version}`,
    '',
    summary(model),
    '',
    `Run the commands from this release folder (${code(`${model.name}/v${model.version}/`)}). Names in angle brackets, such as ${code(shown(CUSTOMER_INTERFACE.aws.inputs.prefix))}, are the values you choose or the vendor sends you; the vendor's \`terraform.tfvars.json\` for your cloud holds them, so \`terraform apply\` beside it needs no \`-var\`.`,
    '',
    ...model.clouds.flatMap((cloud) => CLOUD_PROVIDERS[cloud].review.install(model, files)),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

/** What the release grants, in one paragraph, with the link to the review. */
function summary(model: TrustModel): string {
  const sets = model.permissionSets;
  const privileged = sets.filter((s) => s.privilegedReason !== undefined).map((s) => s.id);
  const content = sets.filter((s) => s.contentRead).map((s) => s.id);
  const outliving = sets.filter((s) => s.outlivesRevocation).map((s) => s.id);
  const identities = model.clouds.map((c) => CLOUD_PROVIDERS[c].review.identity).join(', ');
  const workloads = model.workloadIdentities?.identities ?? [];
  const beyond = model.clouds.includes('gcp') ? sets.filter((s) => s.gcp?.projectWide).map((s) => s.id) : [];
  const marks = [
    privileged.length > 0 ? `privileged (changes access or hands out credentials): ${codeList(privileged)}` : 'none privileged',
    content.length > 0 ? `reading your content: ${codeList(content)}` : 'none reads your content',
    outliving.length > 0 ? `with effects revoking does not undo: ${codeList(outliving)}` : 'none whose effect outlives revoking',
    ...(beyond.length > 0 ? [`on GCP project-wide, because their services ignore IAM conditions: ${codeList(beyond)}`] : []),
  ];
  const workloadText =
    workloads.length > 0
      ? ` It also creates the application's own identities (${codeList(workloads.map((w) => w.name))}), which only the services the spec names may use and the vendor may hand to them; deleting the deployment deletes them.`
      : '';
  return [
    ...(model.description ? [model.description] : []),
    `This release creates one identity per deployment in your cloud (${identities}), which only the vendor can use, through the trust ${REVIEW_FILE} describes, with short-lived credentials and no key or password.${workloadText} It grants ${sets.length === 1 ? 'one permission set' : `${sets.length} permission sets`}, ${codeList(sets.map((s) => s.id))}, scoped to your deployment's resources (named with the resource prefix you choose); ${marks.join('; ')}. [${REVIEW_FILE}](${REVIEW_FILE}) lists every grant with its scope, who can get in under which conditions, and how to revoke: read it before you install.`,
  ].join(' ');
}
