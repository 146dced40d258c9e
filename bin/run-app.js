// Runs a CDK or CDKTF app with the CLI's own ending: the message and exit code of
// lib/cli/exit-codes.ts (bad input 2, one line; anything else 1, with its stack).
module.exports = function runApp(modulePath, exportName) {
  const { failure } = require('../dist/lib/cli/exit-codes');
  const app = require(modulePath)[exportName];
  app().catch((e) => {
    const { code, message } = failure(e);
    console.error(message);
    process.exitCode = code;
  });
};
