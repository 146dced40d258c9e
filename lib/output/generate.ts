import type { Cloud } from '../core/variables';
import type { TrustModel } from '../model/trust-model';

/** A release folder's files: path relative to the folder → exact bytes to write. */
export type ReleaseFiles = Map<string, string>;

/**
 * Each cloud's renderer, loaded only when that cloud is generated: aws-cdk-lib and cdktf
 * are large, and a spec for one cloud should not pay for the others. Each returns its files
 * by path inside the cloud's folder: the CloudFormation template (AWS); a Terraform module and
 * the root that calls it (every cloud).
 */
const RENDERERS: Record<Cloud, () => (model: TrustModel) => Record<string, object>> = {
  // CloudFormation, and the same role as a Terraform module and root, from one plan (awsRolePlan).
  aws: () => (model) => ({
    'template.json': require('../aws/synth-aws').synthAws(model),
    ...require('../aws/terraform/synth-aws-terraform').synthAwsTerraform(model),
  }),
  gcp: () => require('../gcp/synth-gcp').synthGcp,
  azure: () => require('../azure/synth-azure').synthAzure,
};

/** Every template of the model's clouds, in memory; nothing touches the disk. */
export function generateTemplates(model: TrustModel): ReleaseFiles {
  const files: ReleaseFiles = new Map();
  for (const cloud of model.clouds) {
    for (const [path, json] of Object.entries(RENDERERS[cloud]()(model))) files.set(`${cloud}/${path}`, toJson(json));
  }
  return files;
}

/** Two-space JSON with a final newline: stable bytes, friendly diffs. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
