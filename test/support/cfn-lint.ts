import { externalTool } from './external-tool';

/** cfn-lint, AWS's own CloudFormation linter (a Python tool), when this machine has it. */
export const CFN_LINT = externalTool('cfn-lint', 'ALIEN_TRUST_REQUIRE_CFN_LINT');

export const describeWithCfnLint = CFN_LINT ? describe : describe.skip;
