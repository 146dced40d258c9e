// Jest's transform of lib/ and test/ TypeScript: Sucrase strips the types and rewrites imports
// (types are checked once by `tsc --noEmit` in npm run lint, which CI runs). It replaced ts-jest,
// whose TypeScript transpiler took 4.6 s for the project's 231 files in each worker that meets
// them cold (Sucrase: 0.75 s), and which loads TypeScript in every worker even when cached.
// Sucrase and not swc: swc's CommonJS exports are getters that jest.spyOn cannot replace
// (test/output/write-release.test.ts spies on a renderer); Sucrase assigns exports as tsc does.
// @sucrase/jest-plugin gives Jest no cache key of its own, so Jest would keep code transformed
// by an older Sucrase: the key here adds both versions.
const { createHash } = require('node:crypto');
const plugin = require('@sucrase/jest-plugin');

const VERSIONS = `sucrase ${require('sucrase/package.json').version}, plugin ${require('@sucrase/jest-plugin/package.json').version}`;

module.exports = {
  process: plugin.process,
  getCacheKey(source, path, options) {
    return createHash('sha1')
      .update(`${VERSIONS}\0${path}\0${options.configString}\0${String(options.supportsStaticESM)}\0`)
      .update(source)
      .digest('hex');
  },
};
