import { App, CfnResource, CloudFormationValidatePlugin, Stack, Validations } from 'aws-cdk-lib';
import { AWS_APP_CONTEXT } from '../../lib/aws/synth-aws';
import type { CachedCloudFormationValidatePlugin } from '../../lib/aws/cached-validation';
import { provenValidatePlugin } from '../../lib/aws/validation/proven-validate-plugin';

/**
 * An app whose one stack holds a role with the given MaxSessionDuration, validated through the
 * cache: its empty trust policy is not a shape the proof admits, so the proof passes it on.
 */
function appWithRole(plugin: CachedCloudFormationValidatePlugin, maxSessionDuration: unknown, name: string): App {
  const app = new App({ analyticsReporting: false, stackTraces: false, postCliContext: AWS_APP_CONTEXT });
  Validations.of(app).addPlugins(plugin);
  const stack = new Stack(app, 'S');
  new CfnResource(stack, 'R', {
    type: 'AWS::IAM::Role',
    properties: {
      RoleName: name,
      MaxSessionDuration: maxSessionDuration,
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
    },
  });
  return app;
}

afterEach(() => jest.restoreAllMocks());

describe('the validation report cache', () => {
  // A name no other run has used, so the first synth below misses the cache.
  const unique = `cache-test-${process.pid}-${Date.now()}`;

  test('validates a template once, then answers from the cache', () => {
    const plugin = provenValidatePlugin();
    const validate = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    appWithRole(plugin, 3600, unique).synth();
    appWithRole(plugin, 3600, unique).synth();
    expect(validate).toHaveBeenCalledTimes(1);
    appWithRole(plugin, 7200, unique).synth();
    expect(validate).toHaveBeenCalledTimes(2);
  });

  test('fails synth on a validator error, and again when the report comes from the cache', () => {
    const plugin = provenValidatePlugin();
    const validate = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    expect(() => appWithRole(plugin, 'an hour', `${unique}-bad`).synth()).toThrow(/MaxSessionDuration/);
    expect(() => appWithRole(plugin, 'an hour', `${unique}-bad`).synth()).toThrow(/MaxSessionDuration/);
    expect(validate).toHaveBeenCalledTimes(1);
  });

  test('can be turned off, so every synth validates', () => {
    const plugin = provenValidatePlugin();
    const validate = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    process.env.ALIEN_TRUST_VALIDATION_CACHE = 'off';
    try {
      appWithRole(plugin, 3600, unique).synth();
      appWithRole(plugin, 3600, unique).synth();
    } finally {
      delete process.env.ALIEN_TRUST_VALIDATION_CACHE;
    }
    expect(validate).toHaveBeenCalledTimes(2);
  });
});
