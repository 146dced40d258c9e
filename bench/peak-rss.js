// Loaded into every Node.js process of a measured command (NODE_OPTIONS=--require): on exit,
// each process appends its peak resident memory to the file the benchmark names.
'use strict';
const { appendFileSync } = require('node:fs');

const file = process.env.ALIEN_TRUST_BENCH_PEAK_FILE;
if (file) {
  process.on('exit', () => {
    appendFileSync(
      file,
      `${JSON.stringify({ pid: process.pid, maxRssKiB: process.resourceUsage().maxRSS, argv: process.argv.slice(1, 3) })}\n`,
    );
  });
}
