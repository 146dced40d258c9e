import { execFileSync } from 'node:child_process';

/**
 * cfn-lint, AWS's own CloudFormation linter, when it is on this machine (it is a Python tool,
 * not in the npm registry). Without it these tests skip (global-setup prints one line);
 * `.ci/run` sets ALIEN_TRUST_REQUIRE_CFN_LINT so CI fails instead.
 */
export const CFN_LINT: string | undefined = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v cfn-lint'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();

if (!CFN_LINT && process.env.ALIEN_TRUST_REQUIRE_CFN_LINT) throw new Error('cfn-lint is required (ALIEN_TRUST_REQUIRE_CFN_LINT is set) but not on PATH');

export const describeWithCfnLint = CFN_LINT ? describe : describe.skip;
