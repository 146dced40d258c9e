import { App } from 'aws-cdk-lib';
import { loadModel, specPath } from '../cli/spec-options';
import { AWS_APP_CONTEXT, addTrustRoleStack } from './synth-aws';

/** The app `npx cdk synth` runs (see cdk.json): the same stack `alien-trust synth` writes. */
export async function runCdkApp(): Promise<void> {
  const { model } = await loadModel(specPath(undefined), ['aws']);
  const app = new App({ analyticsReporting: false, stackTraces: false, postCliContext: AWS_APP_CONTEXT });
  addTrustRoleStack(app, model);
  app.synth();
}
