// Jest's global setup and teardown. Every test's temporary folders (mkdtemp under os.tmpdir())
// go into one folder per run, removed at the end, so `npm test` leaves nothing behind.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports.setup = async () => {
  // The CLI tests of `npx cdk synth` and `npx cdktf synth` run the compiled apps: compile them
  // first when a source changed since the last build, so a test never runs yesterday's code.
  require('node:child_process').execFileSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'build-if-stale.js')], { stdio: 'inherit' });
  // The Terraform and cfn-lint tests skip without their tools: say so once, a line each (CI requires them).
  const { spawnSync } = require('node:child_process');
  for (const tool of ['terraform', 'cfn-lint']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) process.stdout.write(`${tool} not found on PATH: skipping the tests that run it (CI requires it)\n`);
  }
  const root = mkdtempSync(join(tmpdir(), 'alien-trust-tests-'));
  process.env.ALIEN_TRUST_TEST_TMP = root;
  // os.tmpdir() reads TMPDIR on every call, in this process and in the workers it starts.
  process.env.TMPDIR = root;
};

module.exports.teardown = async () => {
  const root = process.env.ALIEN_TRUST_TEST_TMP;
  if (root) rmSync(root, { recursive: true, force: true });
};
