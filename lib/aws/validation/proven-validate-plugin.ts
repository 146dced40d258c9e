import { readFileSync } from 'node:fs';
import type { IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { CachedCloudFormationValidatePlugin } from '../cached-validation';
import { proveValid } from './prove-valid';

/**
 * aws-cdk-lib's CloudFormation validation in three layers, cheapest first:
 * 1. a template of the shape this tool emits is proven valid (`proveValid`) in milliseconds;
 * 2. any other template is answered from the report cache when it was validated before;
 * 3. otherwise the validator's rule engine runs, which costs about a second and 400 MB to build.
 * A template the validator rejects is never proven, so it always reaches layer 2 or 3 and fails
 * synth with the validator's own report. ALIEN_TRUST_VALIDATION_PROOF=off skips layer 1, and
 * ALIEN_TRUST_VALIDATION_CACHE=off skips layer 2.
 */
export class ProvenValidatePlugin extends CachedCloudFormationValidatePlugin {
  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    if (process.env.ALIEN_TRUST_VALIDATION_PROOF !== 'off') {
      const proven = context.stackTemplates.every(
        ({ templatePath }) => proveValid(JSON.parse(readFileSync(templatePath, 'utf8'))) === undefined,
      );
      if (proven) return { success: true, violations: [] };
    }
    return super.validate(context);
  }
}

let shared: ProvenValidatePlugin | undefined;

/** One plugin per process, so that an engine, once built, is reused. */
export function provenValidatePlugin(): ProvenValidatePlugin {
  shared ??= new ProvenValidatePlugin();
  return shared;
}
