import { join } from 'node:path';
import { synthAws } from '../../lib/aws/synth-aws';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { resolve } from '../../lib/model/resolve';
import { loadSpec } from '../../lib/spec/load-spec';
import { FIXTURE_NAMES, modelFromText, modelOf, REGISTRATION_SPEC, wholeCatalogSpec } from './fixtures';

const ROOT = join(__dirname, '..', '..');

function exampleTemplate(file: string): object {
  const catalog = builtInCatalog();
  return synthAws(resolve(loadSpec(join(ROOT, file), catalog.ids).spec, catalog, { clouds: ['aws'] }));
}

/** Every CloudFormation template this project emits for its fixtures, examples and whole catalog. */
export function emittedTemplates(): Record<string, object> {
  return {
    ...Object.fromEntries(FIXTURE_NAMES.map((name) => [`fixture ${name}`, synthAws(modelOf(name, ['aws']))])),
    'example alien.trust.yaml': exampleTemplate('alien.trust.yaml'),
    'example examples/alien-oidc.trust.yaml': exampleTemplate('examples/alien-oidc.trust.yaml'),
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
