import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type TerraformStack } from 'cdktf';
import type { ModuleInterface } from './root-module';

/**
 * The Terraform backend shared by the GCP and Azure code: the only place besides lib/gcp and
 * lib/azure that imports cdktf (archived upstream), so replacing it touches nothing else.
 */

/** A Terraform cloud's files in its release folder: the module, and the root that calls it. */
export const TERRAFORM_FILES = { root: 'main.tf.json', module: 'module/main.tf.json' } as const;

/** Synthesizes one stack in process (no terraform binary) and returns its Terraform JSON. */
export function synthTerraform(name: string, build: (app: App, name: string) => TerraformStack): any {
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

/**
 * The module (no provider blocks, for callers with their own root) and the ready-to-apply root
 * that configures the provider and calls it, keyed by their paths in the cloud's folder.
 */
export function synthModuleAndRoot(
  name: string,
  buildModule: (app: App, name: string) => TerraformStack,
  buildRoot: (app: App, name: string, module: ModuleInterface) => TerraformStack,
): Record<string, object> {
  const module = synthTerraform(name, buildModule);
  const root = synthTerraform(name, (app, stackName) => buildRoot(app, stackName, module));
  return { [TERRAFORM_FILES.root]: root, [TERRAFORM_FILES.module]: module };
}

/** Drops cdktf's `//` comment blocks: construct paths and tool versions, noise to a reviewer. */
export function withoutMetadata(value: unknown): any {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '//')
      .map(([k, v]) => [k, withoutMetadata(v)]),
  );
}
