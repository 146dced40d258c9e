import { execFileSync } from 'node:child_process';

/**
 * A real counterpart the tests run when this machine has it (Terraform, cfn-lint): neither is
 * in the npm registry. Without it its tests skip (global-setup prints one line); `.ci/run` sets
 * the tool's REQUIRE variable, so CI fails instead.
 */
export function externalTool(name: string, requireVariable: string): string | undefined {
  let path: string | undefined;
  try {
    path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    path = undefined;
  }
  if (!path && process.env[requireVariable]) throw new Error(`${name} is required (${requireVariable} is set) but not on PATH`);
  return path;
}
