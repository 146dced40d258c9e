// Runs a CDK or CDKTF app, turning bad input into the CLI's message and exit code 2.
module.exports = function runApp(modulePath, exportName) {
  const { SpecError } = require('../dist/lib/input/spec-error');
  const { LimitError } = require('../dist/lib/model/limit-error');
  const { UsageError } = require('../dist/lib/cli/usage-error');
  require(modulePath)
    [exportName]()
    .catch((e) => {
      if (!(e instanceof SpecError || e instanceof LimitError || e instanceof UsageError)) throw e;
      console.error(e.message);
      process.exitCode = 2;
    });
};
