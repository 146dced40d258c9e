import type { Cloud } from '../spec/variables';
import type { TrustModel } from '../model/trust-model';

/** A release folder's files: path relative to the folder → exact bytes to write. */
export type ReleaseFiles = Map<string, string>;

/** Where each cloud's template lands inside a release folder. */
export const TEMPLATE_FILES: Record<Cloud, string> = {
  aws: 'aws/template.json',
  gcp: 'gcp/main.tf.json',
  azure: 'azure/main.tf.json',
};

/**
 * Each cloud's renderer, loaded only when that cloud is generated: aws-cdk-lib and cdktf
 * are large, and a spec for one cloud should not pay for the others.
 */
const RENDERERS: Record<Cloud, () => (model: TrustModel) => object> = {
  aws: () => require('../aws/synth-aws').synthAws,
  gcp: () => require('../gcp/synth-gcp').synthGcp,
  azure: () => require('../azure/synth-azure').synthAzure,
};

/** Every template of the model's clouds, in memory; nothing touches the disk. */
export function generateTemplates(model: TrustModel): ReleaseFiles {
  const files: ReleaseFiles = new Map();
  for (const cloud of model.clouds) files.set(TEMPLATE_FILES[cloud], toJson(RENDERERS[cloud]()(model)));
  return files;
}

/** Two-space JSON with a final newline: stable bytes, friendly diffs. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
