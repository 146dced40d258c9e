import { synthAws } from '../../lib/aws/synth-aws';
import { FIXTURE_NAMES, modelFromText, modelOf, REGISTRATION_SPEC, wholeCatalogSpec } from './fixtures';

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
    'registration': synthAws(modelFromText(REGISTRATION_SPEC, ['aws'])),
    'registration, OIDC form, token of the stack region': synthAws(
      modelFromText(
        `name: acme-oidc
version: 1.0.0
managingIdentity:
  oidc: { issuer: "https://oidc.alien.dev", audience: "alien", subjectPrefix: "customer:" }
clouds: [aws]
permissions: [logs/read]
registration:
  aws: { serviceToken: "arn:aws:lambda:\${AWS::Region}:210987654321:function:alien-register" }
`,
        ['aws'],
      ),
    ),
  };
}
