import type { TrustModel } from '../model/trust-model';
import { generateTemplates, type ReleaseFiles } from '../output/generate';
import { permissionsReview, REVIEW_FILE } from '../review/permissions-review';
import { MANIFEST_FILE, manifestFor } from './manifest';

/** Every file of a release folder, in memory: the templates, their review and the manifest. */
export function buildRelease(model: TrustModel, specText: string): ReleaseFiles {
  const files = generateTemplates(model);
  files.set(REVIEW_FILE, permissionsReview(model));
  files.set(MANIFEST_FILE, manifestFor(model, specText, files));
  return files;
}
