import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type TerraformStack } from 'cdktf';

/**
 * The Terraform backend shared by the GCP and Azure code: the only place besides lib/gcp and
 * lib/azure that imports cdktf (archived upstream), so replacing it touches nothing else.
 */

/** Synthesizes one stack in process (no terraform binary) and returns its Terraform JSON. */
export function synthTerraform(name: string, build: (app: App, name: string) => TerraformStack): object {
  const outdir = mkdtempSync(join(tmpdir(), 'alien-trust-cdktf-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    build(app, name);
    app.synth();
    return withoutMetadata(JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Drops cdktf's `//` comment blocks: construct paths and tool versions, noise to a reviewer. */
export function withoutMetadata(value: unknown): any {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, withoutMetadata(v)]));
}
