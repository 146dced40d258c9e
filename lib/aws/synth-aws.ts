import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { provenValidatePlugin } from './validation/proven-validate-plugin';
import type { TrustModel } from '../model/trust-model';
import { TrustRoleStack } from './trust-role-stack';

/**
 * Context for every app that builds the template, in this CLI and under `cdk synth`, so both
 * produce the same template: no path metadata, and CloudFormation validation errors fail synth.
 */
export const AWS_APP_CONTEXT = {
  '@aws-cdk/core:validateAgainstDefaultRules': true,
  'aws:cdk:enable-path-metadata': false,
  'aws:cdk:version-reporting': false,
} as const;

/** Adds the trust stack to an app; used by `bin/cdk-app` and by `synthAws`. */
export function addTrustRoleStack(app: App, model: TrustModel): TrustRoleStack {
  return new TrustRoleStack(app, model.name, { model, analyticsReporting: false });
}

/** The CloudFormation template for a model, synthesized in memory. */
export function synthAws(model: TrustModel): object {
  const outdir = mkdtempSync(join(tmpdir(), 'alien-trust-cdk-'));
  try {
    const app = new App({ outdir, analyticsReporting: false, stackTraces: false, postCliContext: AWS_APP_CONTEXT });
    // aws-cdk-lib's built-in validation, reached only by a template not proven valid and not
    // validated before; `npx cdk synth` (bin/cdk-app) runs the plain built-in validation, as
    // any CDK app does.
    Validations.of(app).addPlugins(provenValidatePlugin());
    const stack = addTrustRoleStack(app, model);
    return app.synth().getStackByName(stack.stackName).template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
