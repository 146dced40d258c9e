#!/usr/bin/env node
// The app cdk.json points `npx cdk synth` at; reads the spec from ALIEN_TRUST_SPEC.
require('./run-app')('../dist/lib/cli/cdk-app', 'runCdkApp');
