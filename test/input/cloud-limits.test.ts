import { CUSTOMER_ID } from '../../lib/core/customer-binding';
import { gcpServiceAccountDomain, NAME_LIMITS } from '../../lib/core/names';
import { generateTemplates } from '../../lib/output/generate';
import { AWS_OIDC_PROVIDER_LIMIT } from '../../lib/input/trust-spec-schema';
import { modelFromText } from '../support/fixtures';
import { specProblems } from '../support/spec-problems';

const problems = specProblems;

/** The shared OIDC issuer serving every cloud, with one field changed. */
function oidcSpec(oidc: { issuer?: string; audience?: string; subjectPrefix?: string }, extra = ''): string {
  return `name: acme-oidc
version: 1.0.0
managingIdentity:
${extra}  oidc:
    issuer: ${oidc.issuer ?? 'https://oidc.alien.dev'}
    audience: ${oidc.audience ?? 'alien-customer-trust'}
    subjectPrefix: "${oidc.subjectPrefix ?? 'customer:'}"
permissions: [logs/read]
`;
}

describe('limits of the clouds the shared OIDC issuer serves', () => {
  const issuerOf = (length: number) => `https://oidc.alien.dev/${'i'.repeat(length - 'https://oidc.alien.dev/'.length)}`;

  test('an issuer or audience over 255 characters is named at the spec when AWS uses it, not an internal error at synth', () => {
    const found = problems(oidcSpec({ issuer: issuerOf(AWS_OIDC_PROVIDER_LIMIT + 1), audience: 'a'.repeat(AWS_OIDC_PROVIDER_LIMIT + 1) }));
    expect(found).toEqual([
      expect.stringMatching(
        /^spec\.yaml:5:\d+: managingIdentity\.oidc\.issuer: 256 characters; AWS's IAM OIDC provider takes at most 255 .*managingIdentity\.aws\.roleArn$/,
      ),
      expect.stringMatching(
        /^spec\.yaml:6:\d+: managingIdentity\.oidc\.audience: 256 characters; AWS's IAM OIDC provider takes at most 255/,
      ),
    ]);
  });

  test('at 255 characters AWS synthesizes, and with AWS on its own role the issuer may be longer', () => {
    expect(() => generateTemplates(modelFromText(oidcSpec({ issuer: issuerOf(255), audience: 'a'.repeat(255) })))).not.toThrow();
    expect(problems(oidcSpec({ issuer: issuerOf(600) }, '  aws: { roleArn: arn:aws:iam::210987654321:role/alien-control }\n'))).toEqual([]);
  });

  test("a subject prefix that with the longest customer id would pass google.subject's 127 characters is refused when GCP uses it", () => {
    const longest = NAME_LIMITS.googleSubject - CUSTOMER_ID.maxLength;
    expect(problems(oidcSpec({ subjectPrefix: `${'s'.repeat(longest - 1)}:` }))).toEqual([]);
    expect(problems(oidcSpec({ subjectPrefix: `${'s'.repeat(longest)}:` }))).toEqual([
      `spec.yaml:7:20: managingIdentity.oidc.subjectPrefix: 65 characters; with a customer id of up to 63 the subject reaches 128, and Google caps google.subject at 127: use a prefix of at most 64 characters, or give GCP its own managingIdentity.gcp`,
    ]);
  });
});

describe('GCP service-account emails', () => {
  test('of a domain-scoped project read <id>.<domain>, with no colon', () => {
    expect(gcpServiceAccountDomain('acme-prod-123')).toBe('acme-prod-123.iam.gserviceaccount.com');
    expect(gcpServiceAccountDomain('example.com:acme-prod')).toBe('acme-prod.example.com.iam.gserviceaccount.com');
  });

  test('a pinned vendor account with a colon in its email is refused', () => {
    const spec = oidcSpec({}, '  gcp: { serviceAccount: "alien-control@example.com:vendor.iam.gserviceaccount.com" }\n');
    expect(problems(spec)).toEqual([expect.stringContaining('managingIdentity.gcp.serviceAccount: a service-account email')]);
  });

  test("the service account's description stays within 256 bytes for the longest issuer", () => {
    const files = generateTemplates(
      modelFromText(
        oidcSpec(
          { issuer: `https://oidc.alien.dev/${'i'.repeat(577)}` },
          '  aws: { roleArn: arn:aws:iam::210987654321:role/alien-control }\n',
        ),
      ),
    );
    const account = JSON.parse(files.get('gcp/module/main.tf.json')!).resource.google_service_account.alien;
    expect(Buffer.byteLength(account.description)).toBeLessThanOrEqual(NAME_LIMITS.gcpServiceAccountDescriptionBytes);
  });
});
