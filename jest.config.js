/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Sucrase strips the types (test/support/sucrase-transform.js says why not ts-jest or swc):
  // the types of lib/ and test/ are checked once by `tsc --noEmit` in npm run lint (CI runs it),
  // not in every test worker.
  transform: { '^.+\\.ts$': '<rootDir>/test/support/sucrase-transform.js' },
  // Synthesizing a CDK app takes a second or two on a 2-core machine.
  testTimeout: 60000,
  // Jest's default of one worker fewer than the cores leaves a 2-core machine one worker, while
  // its main process mostly waits: two workers took npm test from 47 s to 36 s there.
  maxWorkers: '100%',
  // The long suites first even in a fresh clone, where Jest has no durations yet.
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
  // One temporary folder per run, removed at the end (see test/support/temp-root.js).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
};
