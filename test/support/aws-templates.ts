import { synthAws } from '../../lib/aws/synth-aws';
import { FIXTURE_NAMES, modelFromText, modelOf, REGISTRATION_OIDC_SPEC, REGISTRATION_SPEC, wholeCatalogSpec } from './fixtures';

/**
 * Every CloudFormation template this project emits for its fixtures (the flagship's per-customer
 * form and the OIDC example among them, as copies) and the whole catalog. Each is synthesized
 * when first read, so a suite that reads a few of them does not pay for all.
 */
export function emittedTemplates(): Record<string, object> {
  const synths: Record<string, () => object> = {
    ...Object.fromEntries(FIXTURE_NAMES.map((name) => [`fixture ${name}`, () => synthAws(modelOf(name, ['aws']))])),
    'fixture per-customer': () => synthAws(modelOf('per-customer', ['aws'])),
    'fixture oidc': () => synthAws(modelOf('oidc', ['aws'])),
    'whole catalog': () => synthAws(modelFromText(wholeCatalogSpec(), ['aws'])),
    registration: () => synthAws(modelFromText(REGISTRATION_SPEC, ['aws'])),
    'registration, OIDC form, token of the stack region': () => synthAws(modelFromText(REGISTRATION_OIDC_SPEC, ['aws'])),
  };
  const templates: Record<string, object> = {};
  for (const [name, synth] of Object.entries(synths)) {
    let template: object | undefined;
    Object.defineProperty(templates, name, { enumerable: true, get: () => (template ??= synth()) });
  }
  return templates;
}
