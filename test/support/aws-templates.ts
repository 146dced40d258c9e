import { synthAws } from '../../lib/aws/synth-aws';
import { FIXTURE_NAMES, modelFromText, modelOf, REGISTRATION_OIDC_SPEC, REGISTRATION_SPEC, wholeCatalogSpec } from './fixtures';

/**
 * Every CloudFormation template this project emits for its fixtures (the flagship's per-customer
 * form and the OIDC example among them, as copies) and the whole catalog.
 */
export function emittedTemplates(): Record<string, object> {
  return {
    ...Object.fromEntries(FIXTURE_NAMES.map((name) => [`fixture ${name}`, synthAws(modelOf(name, ['aws']))])),
    'fixture per-customer': synthAws(modelOf('per-customer', ['aws'])),
    'fixture oidc': synthAws(modelOf('oidc', ['aws'])),
    'whole catalog': synthAws(modelFromText(wholeCatalogSpec(), ['aws'])),
    registration: synthAws(modelFromText(REGISTRATION_SPEC, ['aws'])),
    'registration, OIDC form, token of the stack region': synthAws(modelFromText(REGISTRATION_OIDC_SPEC, ['aws'])),
  };
}
