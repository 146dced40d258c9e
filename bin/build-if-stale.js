#!/usr/bin/env node
// `npm run synth` and `npm run bench` run the compiled command. Compiling takes seconds even
// when nothing changed (tsc loads every dependency's types), so it runs only when a source or
// the compiler settings are newer than the last build.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
// Written after each build: tsc leaves its own build info untouched when the output is unchanged.
const stamp = join(root, 'dist', '.build-stamp');

function newestSource() {
  const files = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => join(root, f));
  for (const entry of readdirSync(join(root, 'lib'), { recursive: true, encoding: 'utf8' })) {
    if (entry.endsWith('.ts')) files.push(join(root, 'lib', entry));
  }
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

// `--always` (the build script, which npm ci runs through prepare) compiles and stamps anyway.
if (process.argv.includes('--always') || !existsSync(stamp) || statSync(stamp).mtimeMs < newestSource()) {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
