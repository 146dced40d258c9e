import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnResource, CloudFormationValidatePlugin, type IPolicyValidationContext, Stack, Validations } from 'aws-cdk-lib';
import { CachedCloudFormationValidatePlugin } from '../../../lib/aws/cached-validation';
import { AWS_APP_CONTEXT, synthAws } from '../../../lib/aws/synth-aws';
import { provenValidatePlugin } from '../../../lib/aws/validation/proven-validate-plugin';
import { proveValid } from '../../../lib/aws/validation/prove-valid';
import { modelOf } from '../../support/fixtures';
import { templateMutations } from '../../support/template-mutations';

afterEach(() => jest.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'alien-trust-plugin-'));
let files = 0;

/** A validation context for one template, as aws-cdk-lib builds it for an environment-agnostic stack. */
function contextFor(template: unknown): IPolicyValidationContext {
  const file = join(dir, `template-${files++}.json`);
  writeFileSync(file, JSON.stringify(template));
  return {
    templatePaths: [file],
    stackTemplates: [{ stackConstructPath: 'Stack', templatePath: file }],
  } as unknown as IPolicyValidationContext;
}

describe('the proven validation plugin', () => {
  test('answers a template it proves valid without the validator or its cache', () => {
    const validator = jest.spyOn(CachedCloudFormationValidatePlugin.prototype, 'validate');
    synthAws(modelOf('aws-only', ['aws']));
    expect(validator).not.toHaveBeenCalled();
  });

  test("fails synth with the validator's own report when a template is wrong", () => {
    const app = new App({ analyticsReporting: false, stackTraces: false, postCliContext: AWS_APP_CONTEXT });
    Validations.of(app).addPlugins(provenValidatePlugin());
    new CfnResource(new Stack(app, 'Broken'), 'Role', {
      type: 'AWS::IAM::Role',
      properties: { MaxSessionDuration: 'an hour', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } },
    });
    expect(() => app.synth()).toThrow(/MaxSessionDuration/);
  });

  test('fails every change of an emitted template that the validator rejects', () => {
    const validator = new CloudFormationValidatePlugin();
    const template = synthAws(modelOf('aws-only', ['aws']));
    let rejected = 0;
    let index = 0;
    for (const mutation of templateMutations(template)) {
      // Every 50th change keeps the test short; about half of them are rejected.
      if (index++ % 50 !== 0) continue;
      if (validator.validate(contextFor(mutation.template)).success) continue;
      rejected++;
      expect(proveValid(mutation.template)).toBeDefined();
      expect({ what: mutation.what, success: provenValidatePlugin().validate(contextFor(mutation.template)).success }).toEqual({
        what: mutation.what,
        success: false,
      });
    }
    expect(rejected).toBeGreaterThan(20);
  });

  test('sends every template to the validator when ALIEN_TRUST_VALIDATION_PROOF=off', () => {
    const validator = jest.spyOn(CachedCloudFormationValidatePlugin.prototype, 'validate');
    process.env.ALIEN_TRUST_VALIDATION_PROOF = 'off';
    try {
      synthAws(modelOf('aws-only', ['aws']));
    } finally {
      delete process.env.ALIEN_TRUST_VALIDATION_PROOF;
    }
    expect(validator).toHaveBeenCalledTimes(1);
  });
});
