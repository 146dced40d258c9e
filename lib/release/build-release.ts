import { templateSizeWarning } from '../aws/template-size';
import type { TrustModel } from '../model/trust-model';
import type { TrustSpec } from '../spec/trust-spec-schema';
import { generateTemplates, type ReleaseFiles } from '../output/generate';
import { permissionsReview, REVIEW_FILE } from '../review/permissions-review';
import { MANIFEST_FILE, manifestFor } from './manifest';

/** Every file of a release folder, in memory: the templates, their review and the manifest. */
export function buildRelease(model: TrustModel, spec: TrustSpec): ReleaseFiles {
  const files = generateTemplates(model);
  files.set(REVIEW_FILE, permissionsReview(model));
  files.set(MANIFEST_FILE, manifestFor(model, spec, files));
  return files;
}

/**
 * What a release's user should know before deploying it: today, a CloudFormation template too
 * large to send inline. Throws a LimitError for one no route can deploy.
 */
export function releaseWarnings(files: ReleaseFiles): string[] {
  const template = files.get('aws/template.json');
  const warning = template === undefined ? undefined : templateSizeWarning(template);
  return warning ? [warning] : [];
}
