// Jest's global setup and teardown. Every test's temporary folders (mkdtemp under os.tmpdir())
// go into one folder per run, removed at the end, so `npm test` leaves nothing behind.
const { mkdtempSync, readFileSync, rmSync, statfsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/**
 * Where the run's folder goes: /dev/shm (memory) where it is an executable tmpfs with room,
 * else os.tmpdir(). The tests write thousands of small files (templates for the validator,
 * Terraform configurations and state, cdk.out); on this machine's ext4 (mounted with discard)
 * rewriting a 20 kB file takes 0.3 ms, on tmpfs 0.03 ms. Some tests run scripts they write
 * (release-workflow's stand-in tools), hence the noexec check; ALIEN_TRUST_TEST_TMP_BASE picks
 * another base.
 */
function tempBase() {
  if (process.env.ALIEN_TRUST_TEST_TMP_BASE) return process.env.ALIEN_TRUST_TEST_TMP_BASE;
  try {
    const shm = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .find(([, mountPoint, type]) => mountPoint === '/dev/shm' && type === 'tmpfs');
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (shm && !shm[3].split(',').includes('noexec') && bavail * bsize >= 2 * 1024 ** 3) return '/dev/shm';
  } catch {
    // No /proc/mounts or no /dev/shm: not Linux, or a minimal container.
  }
  return tmpdir();
}

module.exports.setup = async () => {
  // The CLI tests of `npx cdk synth` and `npx cdktf synth` run the compiled apps: compile them
  // first when a source changed since the last build, so a test never runs yesterday's code.
  require('node:child_process').execFileSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'build-if-stale.js')], {
    stdio: 'inherit',
  });
  // The Terraform and cfn-lint tests skip without their tools: say so once, a line each (CI requires them).
  const { spawnSync } = require('node:child_process');
  for (const tool of ['terraform', 'cfn-lint']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
      process.stdout.write(`${tool} not found on PATH: skipping the tests that run it (CI requires it)\n`);
  }
  const root = mkdtempSync(join(tempBase(), 'alien-trust-tests-'));
  process.env.ALIEN_TRUST_TEST_TMP = root;
  // os.tmpdir() reads TMPDIR on every call, in this process and in the workers it starts.
  process.env.TMPDIR = root;
};

module.exports.teardown = async () => {
  const root = process.env.ALIEN_TRUST_TEST_TMP;
  if (root) rmSync(root, { recursive: true, force: true });
};
