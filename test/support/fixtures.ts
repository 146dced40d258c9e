import { join } from 'node:path';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { resolve } from '../../lib/model/resolve';
import type { TrustModel } from '../../lib/model/trust-model';
import { loadSpec, parseSpec } from '../../lib/input/load-spec';
import type { Cloud } from '../../lib/core/variables';

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** The fixture specs every renderer is snapshot-tested with. */
export const FIXTURE_NAMES = ['full', 'aws-only', 'custom-sets'] as const;

export function fixturePath(name: string): string {
  return join(FIXTURES, `${name}.yaml`);
}

export function modelOf(fixture: string, clouds?: readonly Cloud[]): TrustModel {
  const catalog = builtInCatalog();
  return resolve(loadSpec(fixturePath(fixture), catalog.ids).spec, catalog, { clouds });
}

export function modelFromText(text: string, clouds?: readonly Cloud[]): TrustModel {
  const catalog = builtInCatalog();
  return resolve(parseSpec(text, 'spec.yaml', catalog.ids).spec, catalog, { clouds });
}

/** A small valid spec for all three clouds; tests change one line of it. */
export const VALID_SPEC = `name: acme-app
version: 1.2.3
managingIdentity:
  aws:
    roleArn: arn:aws:iam::210987654321:role/alien-control
  gcp:
    serviceAccount: alien-control@alien-prod.iam.gserviceaccount.com
  azure:
    issuer: https://oidc.alien.dev
    subject: system:serviceaccount:alien:control
permissions: [logs/read]
`;

/** VALID_SPEC whose AWS stack registers itself with the vendor's SNS topic. */
export const REGISTRATION_SPEC = `${VALID_SPEC}registration:
  aws:
    serviceToken: arn:aws:sns:us-east-1:210987654321:alien-registrations
`;

/** The OIDC form on AWS, registering with a function in the stack's own region. */
export const REGISTRATION_OIDC_SPEC = `name: acme-oidc
version: 1.0.0
managingIdentity:
  oidc: { issuer: "https://oidc.alien.dev", audience: "alien", subjectPrefix: "customer:" }
clouds: [aws]
permissions: [logs/read]
registration:
  aws: { serviceToken: "arn:aws:lambda:\${AWS::Region}:210987654321:function:alien-register" }
`;

/**
 * The workload identities of the whole-catalog spec: one per service, with the longest names
 * the spec takes beside ordinary ones, and the data sets they run with.
 */
export const WHOLE_CATALOG_WORKLOAD =
  'workloadIdentities: { identities: [{ name: api, services: [lambda, ecs-tasks] }, { name: nodes, services: [ec2] }, { name: build, services: [codebuild, lambda] }, { name: abcdefghijklmnopqrstuvwxyz-0123456789ab, services: [lambda] }], permissions: [storage/data-read, storage/data-write, queue/data-read, queue/data-write, kv/data-read, kv/data-write, logs/read], azureRoles: [Storage Blob Data Contributor] }\n';

/**
 * VALID_SPEC granting every built-in set at once, with workload identities for every service
 * the sets pass roles to: the spec that must still fit every limit on every cloud.
 */
export function wholeCatalogSpec(): string {
  const ids = builtInCatalog().sets.map((s) => s.id);
  const workload = WHOLE_CATALOG_WORKLOAD;
  // Every set whose grants outlast revocation is opted in, as the spec must (lib/input/outliving-opt-in.ts).
  const outliving = builtInCatalog()
    .sets.filter((s) => s.outlivesRevocation)
    .map((s) => s.id);
  return `${VALID_SPEC.replace('[logs/read]', `[${ids.join(', ')}]`)}allowOutlivingRevocation: [${outliving.join(', ')}]\n${workload}`;
}
