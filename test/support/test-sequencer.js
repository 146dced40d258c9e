// Jest's order of suites, with a head start for the long ones when Jest knows no durations.
// Jest runs the suites it has timed slowest first, and the untimed ones before them, largest
// file first. A fresh clone (CI) has no timings, and the long suites are short files that spawn
// CLIs or sweep thousands of templates: cdk-apps (62 lines, 30 s) started last and ran alone at
// the end. Untimed, a suite here counts as the seconds below (measured on 2 cores), others by
// their size; once Jest has timed a run its own durations decide, as by default.
const { relative: relativePath, sep } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const SECONDS = {
  'test/cli/cdk-apps.test.ts': 30,
  'test/terraform/terraform-engine.test.ts': 25,
  'test/aws/validation/agrees-with-validator.test.ts': 20,
  'test/aws/validation/agrees-with-validator-changes.test.ts': 20,
  'test/aws/cfn-lint.test.ts': 14,
  'test/release-workflow.test.ts': 12,
  'test/aws/validation/proven-validate-plugin.test.ts': 11,
  'test/cli/synth-properties.test.ts': 10,
  'test/cli/large-spec.test.ts': 9,
  'test/cli/name-limits.test.ts': 8,
  'test/aws/cached-validation.test.ts': 7,
  'test/cli/release.test.ts': 6,
  'test/terraform/provider-schemas.test.ts': 6,
  'test/aws/trust-role-stack.test.ts': 6,
};

module.exports = class extends Sequencer {
  time(test) {
    const timed = super.time(test);
    if (timed !== undefined) return timed;
    const relative = relativePath(test.context.config.rootDir, test.path).split(sep).join('/');
    // Milliseconds, as Jest keeps them; 1 ms per kB of file for the others (below any listed).
    if (SECONDS[relative] !== undefined) return SECONDS[relative] * 1000;
    return (test.context.hasteFS.getSize(test.path) ?? 0) / 1000;
  }
};
