import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { externalTool } from './external-tool';
import { tmpdir } from 'node:os';

/**
 * Terraform itself, when it is on this machine. It cannot reach the registry here, so no
 * provider is ever installed: `init` decodes root and module and stops at the provider
 * download, and provider-free scratch configurations (see scratch-configuration.ts) are applied.
 * Without the binary these tests skip (global-setup prints one line); `.ci/run` sets
 * ALIEN_TRUST_REQUIRE_TERRAFORM so CI fails instead.
 */
export const TERRAFORM = externalTool('terraform', 'ALIEN_TRUST_REQUIRE_TERRAFORM');

/** `describe` where Terraform exists, `describe.skip` where it does not. */
export const describeWithTerraform = TERRAFORM ? describe : describe.skip;

export interface TerraformRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const run = promisify(execFile);

/** Runs terraform in `dir`, never prompting, with no plugin cache or CLI configuration of the user's. */
export async function terraform(dir: string, args: readonly string[]): Promise<TerraformRun> {
  const env = {
    ...process.env,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    TF_CLI_CONFIG_FILE: '/dev/null',
    TF_DATA_DIR: join(dir, '.terraform'),
  };
  try {
    const { stdout, stderr } = await run(TERRAFORM!, [...args, '-no-color'], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
  }
}

/** Writes `files` (path → JSON value or text) into a new folder and returns it. */
export function writeConfiguration(files: Readonly<Record<string, unknown>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tf-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}
