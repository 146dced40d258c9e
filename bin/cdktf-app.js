#!/usr/bin/env node
// The app cdktf.json points `npx cdktf synth` at; reads the spec from ALIEN_TRUST_SPEC.
require('./run-app')('../dist/lib/cli/cdktf-app', 'runCdktfApp');
