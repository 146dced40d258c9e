// `npm run bench`: wall time (median of several runs after a warm-up) and peak memory of
// alien-trust against the CDK CLIs on this machine, and the wall time of `npm test` cold and
// warm, in one run. Writes bench/results.json.
'use strict';

const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { cpus, tmpdir } = require('node:os');
const { join } = require('node:path');
const { largeSpec } = require('./large-spec');

const ROOT = join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'alien-trust-bench-'));
const largeSpecFile = join(work, 'large.trust.yaml');
writeFileSync(largeSpecFile, largeSpec(200));

/**
 * A spec never seen before: the example under a new name each run, as a vendor's edit-synth
 * loop produces (every edit changes the template, so no cached report can answer).
 */
let fresh = 0;
const newSpecFile = join(work, 'new.trust.yaml');
function writeNewSpec() {
  const example = readFileSync(join(ROOT, 'alien.trust.yaml'), 'utf8');
  writeFileSync(newSpecFile, example.replace(/^name: .*$/m, `name: bench-${process.pid}-${Date.now().toString(36)}-${fresh++}`));
}

/** What is measured: the command a user types, from the project folder. */
const CASES = [
  {
    id: 'firstSynth',
    label: 'npx alien-trust synth, a spec never seen before (3 clouds)',
    command: ['npx', 'alien-trust', 'synth', '--spec', newSpecFile, '--out', join(work, 'out-first')],
    before: writeNewSpec,
  },
  {
    id: 'synth',
    label: 'npx alien-trust synth, repeated (example spec, 3 clouds)',
    command: ['npx', 'alien-trust', 'synth', '--out', join(work, 'out-synth')],
  },
  { id: 'cdkSynth', label: 'npx cdk synth (AWS only)', command: ['npx', 'cdk', 'synth', '--quiet', '--output', join(work, 'cdk.out')] },
  { id: 'cdktfSynth', label: 'npx cdktf synth (GCP and Azure)', command: ['npx', 'cdktf', 'synth', '--output', join(work, 'cdktf.out')] },
  {
    id: 'synthLarge',
    label: 'npx alien-trust synth (200 inline sets)',
    command: ['npx', 'alien-trust', 'synth', '--spec', largeSpecFile, '--out', join(work, 'out-large')],
  },
  { id: 'check', label: 'npx alien-trust check', command: ['npx', 'alien-trust', 'check'] },
  {
    id: 'synthFullValidation',
    label: 'npx alien-trust synth, validation proof and cache off',
    command: ['npx', 'alien-trust', 'synth', '--out', join(work, 'out-full-validation')],
    env: { ALIEN_TRUST_VALIDATION_PROOF: 'off', ALIEN_TRUST_VALIDATION_CACHE: 'off' },
  },
];

/** One run: wall time in seconds, and the largest peak memory of any Node.js process in it. */
function runOnce({ command, env, before }) {
  before?.();
  const peakFile = join(work, 'peak.jsonl');
  rmSync(peakFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], command.slice(1), {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...env,
      ALIEN_TRUST_BENCH_PEAK_FILE: peakFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(__dirname, 'peak-rss.js')}`.trim(),
      CHECKPOINT_DISABLE: '1', // cdktf: no version check over the network
      CDK_DISABLE_VERSION_CHECK: '1',
    },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}:\n${result.stderr}`);
  const peaks = readFileSync(peakFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).maxRssKiB);
  return { seconds, peakMiB: Math.max(...peaks) / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const results = {};
for (const benchCase of CASES) {
  runOnce(benchCase); // warm-up: file cache, npx resolution, the validation report cache
  const runs = Array.from({ length: RUNS }, () => runOnce(benchCase));
  results[benchCase.id] = {
    label: benchCase.label,
    command: benchCase.command.join(' ').replaceAll(work, '$TMP'),
    medianSeconds: median(runs.map((r) => r.seconds)),
    minSeconds: Math.min(...runs.map((r) => r.seconds)),
    peakMiB: Math.max(...runs.map((r) => r.peakMiB)),
    runs: runs.map((r) => Number(r.seconds.toFixed(3))),
  };
  process.stderr.write(`measured ${benchCase.label}\n`);
}

/**
 * `npm test` (npx jest), once each: cold with an empty Jest cache, as in a fresh clone (CI): every
 * file transformed and no suite durations to order by; then warm, with the cache that run left.
 * (`--no-cache` is no cold figure: it transforms every file again for each suite that loads it.)
 */
const jestCache = join(work, 'jest-cache');
const TEST_RUNS = [
  { id: 'npmTestCold', label: 'npm test, cold (npx jest, empty Jest cache as in a fresh clone)' },
  { id: 'npmTestWarm', label: 'npm test, warm (npx jest, the cache of the cold run)' },
];
for (const { id, label } of TEST_RUNS) {
  const command = ['npx', 'jest', '--silent', '--cacheDirectory', jestCache];
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], command.slice(1), { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}:\n${result.stderr}`);
  results[id] = { label, command: command.join(' ').replaceAll(work, '$TMP'), seconds: Number(seconds.toFixed(3)) };
  process.stderr.write(`measured ${label}\n`);
}

const ratio = (a, b) => results[a].medianSeconds / results[b].medianSeconds;
const targets = [
  { name: 'first synth ≤ 0.3 × cdk synth', value: ratio('firstSynth', 'cdkSynth'), limit: 0.3 },
  { name: 'first synth peak memory ≤ 200 MiB', value: results.firstSynth.peakMiB, limit: 200 },
  { name: 'repeated synth ≤ 0.3 × cdk synth', value: ratio('synth', 'cdkSynth'), limit: 0.3 },
  { name: '200-set synth ≤ 2 × synth', value: ratio('synthLarge', 'synth'), limit: 2 },
  { name: 'repeated synth peak memory < 400 MiB', value: results.synth.peakMiB, limit: 400, strict: true },
  // check regenerates the release in memory as synth does, and compares instead of writing.
  { name: 'check ≤ 1.1 × synth', value: ratio('check', 'synth'), limit: 1.1 },
  { name: 'npm test ≤ 60 s, cold', value: results.npmTestCold.seconds, limit: 60 },
  { name: 'npm test ≤ 60 s, warm', value: results.npmTestWarm.seconds, limit: 60 },
  // The same budget against this machine's own speed: where `npx cdk synth` takes the 3 s of the
  // reference machine (bench/results.json before 2026-12-02), 60 s is 20 of them. A machine that
  // runs slower misses the seconds above while this says whether the suite itself grew.
  { name: 'npm test, warm ≤ 20 × cdk synth', value: results.npmTestWarm.seconds / results.cdkSynth.medianSeconds, limit: 20 },
].map((t) => ({ ...t, met: t.strict ? t.value < t.limit : t.value <= t.limit }));

const rows = Object.values(results)
  .filter((r) => r.medianSeconds !== undefined)
  .map((r) => [
    r.label,
    r.medianSeconds.toFixed(2),
    r.minSeconds.toFixed(2),
    r.peakMiB.toFixed(0),
    (r.medianSeconds / results.cdkSynth.medianSeconds).toFixed(2),
  ]);
const header = ['command', 'median s', 'min s', 'peak MiB', '× cdk synth'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`${RUNS} runs each after a warm-up, on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node.js ${process.version}\n`);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log('');
for (const { id } of TEST_RUNS) console.log(`${results[id].label}: ${results[id].seconds.toFixed(1)} s`);
console.log('');
for (const t of targets) console.log(`${t.met ? 'met    ' : 'MISSED '} ${t.name}: ${t.value.toFixed(2)}`);

writeFileSync(
  join(__dirname, 'results.json'),
  `${JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, runs: RUNS, results, targets }, null, 2)}\n`,
);
rmSync(work, { recursive: true, force: true });
process.exitCode = targets.every((t) => t.met) ? 0 : 1;
