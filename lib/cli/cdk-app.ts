import { App } from 'aws-cdk-lib';
import { specPath } from './project-paths';
import { loadModelOf } from './spec-options';
import { AWS_APP_CONTEXT, addTrustRoleStack } from '../aws/synth-aws';

/**
 * The app `npx cdk synth` runs (see cdk.json): the same stack `alien-trust synth` writes. A spec
 * without AWS gives an empty app and a one-line notice, not an error.
 */
export async function runCdkApp(): Promise<void> {
  const { model } = await loadModelOf(specPath(undefined), ['aws']);
  const app = new App({ analyticsReporting: false, stackTraces: false, postCliContext: AWS_APP_CONTEXT });
  if (model.aws) addTrustRoleStack(app, model);
  else
    console.error(
      `alien-trust: ${model.name} does not target aws (clouds: ${model.clouds.join(', ') || 'none chosen'}); no stack to synthesize`,
    );
  app.synth();
}
