import { CLOUD_PROVIDERS } from '../clouds/registry';
import { templateSizeWarning } from '../aws/template-size';
import type { TrustModel } from '../model/trust-model';
import type { TrustSpec } from '../input/trust-spec-schema';
import { generateTemplates, type ReleaseFiles } from '../output/generate';
import { installPage, INSTALL_FILE } from '../review/install-page';
import { REVIEW_FILE } from '../core/install-text';
import { permissionsReview } from '../review/permissions-review';
import { MANIFEST_FILE, manifestFor } from './manifest';
import { workloadIdentityWarnings } from '../model/workload-identity-warnings';

/** Every file of a release folder, in memory: the templates, the customer's pages (review, install steps) and the manifest. */
export function buildRelease(model: TrustModel, spec: TrustSpec): ReleaseFiles {
  const files = generateTemplates(model);
  files.set(REVIEW_FILE, permissionsReview(model));
  // Read from the templates above, so the steps name exactly the inputs they declare.
  files.set(INSTALL_FILE, installPage(model, files));
  files.set(MANIFEST_FILE, manifestFor(model, spec, files));
  return files;
}

/**
 * What a release's author should know before publishing it, one line each (`warning:` or
 * `notice:`): a trust with one vendor identity for every customer (the confused-deputy risk),
 * sets that read customer content, and a CloudFormation template too large to send inline.
 * Throws a LimitError for a template no route can deploy.
 */
export function releaseWarnings(model: TrustModel, files: ReleaseFiles): string[] {
  const warnings: string[] = [];
  // Each form says whether it trusts one vendor identity for every customer (lib/model/trust-form.ts).
  for (const cloud of model.clouds) {
    const warning = CLOUD_PROVIDERS[cloud].trustOf(model)?.sharedIdentityWarning;
    if (warning) warnings.push(warning);
  }
  const content = model.permissionSets.filter((s) => s.contentRead).map((s) => s.id);
  if (content.length > 0) {
    warnings.push(
      `notice: the spec grants sets that read your customers' content (object bodies, secret values, table items, messages): ${content.join(', ')}; PERMISSIONS.md shows them apart`,
    );
  }
  const projectWide = model.clouds.includes('gcp') ? model.permissionSets.filter((s) => s.gcp?.projectWide).map((s) => s.id) : [];
  if (projectWide.length > 0) {
    warnings.push(
      `notice: gcp: these sets hold on the whole project, their services ignoring IAM conditions: ${projectWide.join(', ')}; PERMISSIONS.md shows them under "Reaches beyond the deployment"`,
    );
  }
  const workloadContent = (model.workloadIdentities?.permissionSets ?? []).filter((s) => s.contentRead).map((s) => s.id);
  if (workloadContent.length > 0) {
    warnings.push(
      `notice: the workload identities, which the code the vendor deploys runs as, read your customers' content: ${workloadContent.join(', ')}; PERMISSIONS.md says so apart`,
    );
  }
  const outliving = model.permissionSets.filter((s) => s.outlivesRevocation).map((s) => s.id);
  if (outliving.length > 0) {
    warnings.push(
      `notice: the spec grants sets whose effect revoking does not undo: ${outliving.join(', ')}; PERMISSIONS.md lists what each leaves and how the customer finds and removes it`,
    );
  }
  warnings.push(...workloadIdentityWarnings(model));
  const template = files.get('aws/template.json');
  const size = template === undefined ? undefined : templateSizeWarning(template);
  return size ? [...warnings, `warning: ${size}`] : warnings;
}
