import { CLOUD_PROVIDERS } from '../clouds/registry';
import type { TrustModel } from '../model/trust-model';

/** A release folder's files: path relative to the folder → exact bytes to write. */
export type ReleaseFiles = Map<string, string>;

/**
 * Every template of the model's clouds, in memory; nothing touches the disk. Each provider loads
 * its renderer only when its cloud is generated: aws-cdk-lib and cdktf are large.
 */
export function generateTemplates(model: TrustModel): ReleaseFiles {
  const files: ReleaseFiles = new Map();
  for (const cloud of model.clouds) {
    for (const [path, json] of Object.entries(CLOUD_PROVIDERS[cloud].render(model))) files.set(`${cloud}/${path}`, toJson(json));
  }
  return files;
}

/** Two-space JSON with a final newline: stable bytes, friendly diffs. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
