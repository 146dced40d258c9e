import type { TrustModel } from '../model/trust-model';
import { generateTemplates, type ReleaseFiles } from '../output/generate';
import { MANIFEST_FILE, manifestFor } from './manifest';

/** Every file of a release folder, in memory: the templates and their manifest. */
export function buildRelease(model: TrustModel, specText: string): ReleaseFiles {
  const files = generateTemplates(model);
  files.set(MANIFEST_FILE, manifestFor(model, specText, files));
  return files;
}
