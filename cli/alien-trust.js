#!/usr/bin/env node
// The command line. `npm ci` compiles lib/ to dist/ (the root package's "prepare" script).
const { main } = require('../dist/lib/cli/main');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
