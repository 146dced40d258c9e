import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { AWS_APP_CONTEXT, synthAws } from '../../lib/aws/synth-aws';
import { modelOf } from '../support/fixtures';

describe('synthAws', () => {
  test('fails synthesis on CloudFormation validation errors instead of warning', () => {
    const app = new App({ analyticsReporting: false, postCliContext: AWS_APP_CONTEXT });
    const stack = new Stack(app, 'broken');
    new CfnResource(stack, 'Role', { type: 'AWS::IAM::Role', properties: { MaxSessionDuration: 'one hour', NotAProperty: true } });
    expect(() => app.synth()).toThrow(/validation/i);
  });

  test('returns the same template object twice', () => {
    const model = modelOf('aws-only', ['aws']);
    expect(JSON.stringify(synthAws(model))).toBe(JSON.stringify(synthAws(model)));
  });
});
