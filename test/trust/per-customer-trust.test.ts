import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTemplates } from '../../lib/output/generate';
import { modelFromText, VALID_SPEC } from '../support/fixtures';
import { run } from '../support/run-cli';

/**
 * For each cloud and trust form, the generated trust applied to requests: it admits exactly the
 * intended per-customer principal, and not another customer's subject, another vendor account,
 * or a token without the audience. The evaluators below read the templates the way each cloud
 * applies them, for the shapes these templates use (StringEquals, exact CEL equality, exact
 * federated-credential matching), with the customer's inputs filled in.
 */
const OIDC = `managingIdentity:
  oidc:
    issuer: https://oidc.vendor.example
    audience: vendor-trust
    subjectPrefix: "customer:"
`;
const specWith = (identity: string) => VALID_SPEC.replace(/managingIdentity:\n(?: {2}.*\n)+/, identity);
const files = (spec: string) => generateTemplates(modelFromText(spec));
const json = (f: Map<string, string>, path: string) => JSON.parse(f.get(path)!);

interface AwsRequest {
  readonly action: string;
  readonly principal: { AWS?: string; Federated?: string };
  readonly context: Record<string, string>;
}

/** IAM's answer for a trust policy with StringEquals conditions, parameters filled in. */
function awsAdmits(policy: any, parameters: Record<string, string>, request: AwsRequest): boolean {
  const value = (v: any): string => {
    if (typeof v === 'string') return v;
    if (v.Ref) return parameters[v.Ref];
    if (v['Fn::Sub']) return v['Fn::Sub'].replace(/\$\{(\w+)\}/g, (_: string, n: string) => parameters[n]);
    if (v['Fn::If']) return value(parameters[v['Fn::If'][0]] === 'true' ? v['Fn::If'][1] : v['Fn::If'][2]);
    throw new Error(`unhandled ${JSON.stringify(v)}`);
  };
  return policy.Statement.some((s: any) => {
    if (s.Effect !== 'Allow' || s.Action !== request.action) return false;
    const [kind, who] = Object.entries<any>(s.Principal)[0];
    if (value(who) !== (request.principal as any)[kind]) return false;
    return Object.entries<any>(s.Condition?.StringEquals ?? {}).every(([key, expected]) => request.context[key] === value(expected));
  });
}

describe('AWS, role form: the external id binds the role to one customer', () => {
  const template = json(files(VALID_SPEC), 'aws/template.json');
  const policy = template.Resources.TrustRole.Properties.AssumeRolePolicyDocument;
  const vendor = 'arn:aws:iam::210987654321:role/alien-control';
  const parameters = { ExternalId: 'f3a9c1-customer-a' };
  const assume = (principal: string, externalId?: string) =>
    awsAdmits(policy, parameters, {
      action: 'sts:AssumeRole',
      principal: { AWS: principal },
      context: externalId ? { 'sts:ExternalId': externalId } : {},
    });

  test("admits the vendor's role with this customer's external id", () => expect(assume(vendor, 'f3a9c1-customer-a')).toBe(true));
  test("refuses another customer's external id, none, and another vendor account", () => {
    expect(assume(vendor, 'f3a9c1-customer-b')).toBe(false);
    expect(assume(vendor)).toBe(false);
    expect(assume('arn:aws:iam::999999999999:role/alien-control', 'f3a9c1-customer-a')).toBe(false);
  });
});

describe("AWS, OIDC form: web identity with the audience and this customer's subject", () => {
  const template = json(files(specWith(OIDC)), 'aws/template.json');
  const policy = template.Resources.TrustRole.Properties.AssumeRolePolicyDocument;
  const parameters = {
    CustomerId: 'acme',
    OidcProviderArn: '',
    CreateOidcProvider: 'true',
    OidcProvider: 'arn:aws:iam::111122223333:oidc-provider/oidc.vendor.example',
  };
  const token = (sub: string | undefined, aud: string | undefined, federated = parameters.OidcProvider) =>
    awsAdmits(policy, parameters, {
      action: 'sts:AssumeRoleWithWebIdentity',
      principal: { Federated: federated },
      context: { ...(sub && { 'oidc.vendor.example:sub': sub }), ...(aud && { 'oidc.vendor.example:aud': aud }) },
    });

  test("admits a token for this customer's subject and the vendor's audience", () =>
    expect(token('customer:acme', 'vendor-trust')).toBe(true));
  test("refuses another customer's subject, a missing or other audience, another provider, and sts:AssumeRole", () => {
    expect(token('customer:globex', 'vendor-trust')).toBe(false);
    expect(token('customer:acme', undefined)).toBe(false);
    expect(token('customer:acme', 'other-app')).toBe(false);
    expect(token('customer:acme', 'vendor-trust', 'arn:aws:iam::111122223333:oidc-provider/evil.example')).toBe(false);
    expect(
      awsAdmits(policy, parameters, {
        action: 'sts:AssumeRole',
        principal: { AWS: 'arn:aws:iam::210987654321:role/alien-control' },
        context: {},
      }),
    ).toBe(false);
  });

  test('creates the IAM OIDC provider unless an existing one is given, and trusts no other principal', () => {
    expect(template.Resources.OidcProvider).toEqual({
      Type: 'AWS::IAM::OIDCProvider',
      Properties: { ClientIdList: ['vendor-trust'], Url: 'https://oidc.vendor.example' },
      Condition: 'CreateOidcProvider',
    });
    const existing = {
      ...parameters,
      CreateOidcProvider: 'false',
      OidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.vendor.example',
    };
    expect(
      awsAdmits(policy, existing, {
        action: 'sts:AssumeRoleWithWebIdentity',
        principal: { Federated: existing.OidcProviderArn },
        context: { 'oidc.vendor.example:sub': 'customer:acme', 'oidc.vendor.example:aud': 'vendor-trust' },
      }),
    ).toBe(true);
    expect(policy.Statement).toHaveLength(1);
    expect(template.Parameters.ExternalId).toBeUndefined();
    expect(new RegExp(template.Parameters.CustomerId.AllowedPattern).test('acme')).toBe(true);
    for (const bad of ['', 'Acme', 'acme:x', '*', 'acme-'])
      expect(new RegExp(template.Parameters.CustomerId.AllowedPattern).test(bad)).toBe(false);
    expect(
      new RegExp(template.Parameters.OidcProviderArn.AllowedPattern).test('arn:aws:iam::111122223333:oidc-provider/oidc.vendor.example'),
    ).toBe(true);
  });
});

/** Terraform `${var.x}` references filled with values. */
const fill = (text: string, vars: Record<string, string>) => text.replace(/\$\{var\.(\w+)\}/g, (_, n: string) => vars[n]);
const validates = (module: any, name: string, value: string) =>
  module.variable[name].validation.every((v: any) => new RegExp(/regex\("(.*)", var\./.exec(v.condition)![1]).test(value));

describe('GCP, per-customer vendor service account', () => {
  const spec = specWith('managingIdentity:\n  gcp:\n    serviceAccountProject: vendor-customers\n');
  const module = json(files(spec.replace('permissions:', 'clouds: [gcp]\npermissions:')), 'gcp/module/main.tf.json');

  test("grants token creation only to the service account the customer enters, from the vendor's project", () => {
    expect(module.resource.google_service_account_iam_member.vendor_token_creator.member).toBe(
      'serviceAccount:${var.vendor_service_account}',
    );
    expect(validates(module, 'vendor_service_account', 'acme-corp@vendor-customers.iam.gserviceaccount.com')).toBe(true);
    for (const other of [
      'acme-corp@attacker-project.iam.gserviceaccount.com',
      'acme-corp@vendor-customers.iam.gserviceaccount.com.evil',
      'acme@gmail.com',
      '',
    ]) {
      expect(validates(module, 'vendor_service_account', other)).toBe(false);
    }
  });
});

describe('GCP, OIDC form: workload identity federation pinned to the customer subject', () => {
  const module = json(files(specWith(OIDC).replace('permissions:', 'clouds: [gcp]\npermissions:')), 'gcp/module/main.tf.json');
  const provider = module.resource.google_iam_workload_identity_pool_provider.vendor_oidc;
  const vars = { customer_id: 'acme' };
  /** The pool's answer: issuer and audience, then the attribute condition on the subject. */
  const exchanges = (iss: string, aud: string, sub: string) =>
    iss === provider.oidc.issuer_uri &&
    provider.oidc.allowed_audiences.includes(aud) &&
    fill(provider.attribute_condition, vars) === `assertion.sub == "${sub}"`;

  test("exchanges only this customer's tokens from the vendor's issuer with its audience", () => {
    expect(exchanges('https://oidc.vendor.example', 'vendor-trust', 'customer:acme')).toBe(true);
    expect(exchanges('https://oidc.vendor.example', 'vendor-trust', 'customer:globex')).toBe(false);
    expect(exchanges('https://oidc.vendor.example', 'other', 'customer:acme')).toBe(false);
    expect(exchanges('https://evil.example', 'vendor-trust', 'customer:acme')).toBe(false);
  });

  test('lets exactly that principal act as the service account, and no Google account of the vendor', () => {
    expect(module.resource.google_service_account_iam_member).toEqual({
      vendor_workload_identity_user: {
        service_account_id: '${google_service_account.alien.name}',
        role: 'roles/iam.workloadIdentityUser',
        member: 'principal://iam.googleapis.com/${google_iam_workload_identity_pool.vendor_pool.name}/subject/customer:${var.customer_id}',
      },
    });
    expect(provider.attribute_mapping).toEqual({ 'google.subject': 'assertion.sub' });
    expect(module.resource.google_project_service.api_sts).toMatchObject({ service: 'sts.googleapis.com', disable_on_destroy: false });
    expect(module.resource.google_iam_workload_identity_pool.vendor_pool.workload_identity_pool_id).toBe(
      'alien-${random_id.role_suffix.hex}',
    );
    expect(validates(module, 'customer_id', 'acme')).toBe(true);
    expect(validates(module, 'customer_id', 'acme" || true || "')).toBe(false);
  });
});

describe('Azure, per-customer subject', () => {
  const spec = specWith('managingIdentity:\n  azure:\n    issuer: https://oidc.vendor.example\n    subjectPrefix: "customer:"\n').replace(
    'permissions:',
    'clouds: [azure]\npermissions:',
  );
  const module = json(files(spec), 'azure/module/main.tf.json');
  const credential = module.resource.azurerm_federated_identity_credential.vendor;
  /** Entra ID's answer: issuer, subject and one audience must all match exactly. */
  const signsIn = (iss: string, sub: string, aud: string) =>
    iss === credential.issuer && sub === fill(credential.subject, { customer_id: 'acme' }) && credential.audience.includes(aud);

  test("signs in only this customer's subject, from the issuer, with the audience", () => {
    expect(signsIn('https://oidc.vendor.example', 'customer:acme', 'api://AzureADTokenExchange')).toBe(true);
    expect(signsIn('https://oidc.vendor.example', 'customer:globex', 'api://AzureADTokenExchange')).toBe(false);
    expect(signsIn('https://oidc.vendor.example', 'customer:acme', 'other')).toBe(false);
    expect(signsIn('https://evil.example', 'customer:acme', 'api://AzureADTokenExchange')).toBe(false);
    expect(credential.subject).toBe('customer:${var.customer_id}');
    expect(validates(module, 'customer_id', 'acme')).toBe(true);
    expect(validates(module, 'customer_id', 'ACME')).toBe(false);
  });

  test('the OIDC managing identity gives Azure the same per-customer subject', () => {
    const oidc = json(files(specWith(OIDC).replace('permissions:', 'clouds: [azure]\npermissions:')), 'azure/module/main.tf.json');
    expect(oidc.resource.azurerm_federated_identity_credential.vendor).toMatchObject({
      issuer: 'https://oidc.vendor.example',
      subject: 'customer:${var.customer_id}',
      audience: ['vendor-trust'],
    });
  });
});

describe('a spec that pins one identity for every customer', () => {
  test('still synthesizes unchanged, warning of the confused deputy on GCP and Azure, and the review says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-pinned-'));
    writeFileSync(join(dir, 'spec.yaml'), VALID_SPEC);
    const result = await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'out'));
    expect(result.code).toBe(0);
    // Notices (what the review shows apart) are not warnings.
    expect(result.err.split('\n').filter((l) => !l.startsWith('notice: '))).toEqual([
      expect.stringMatching(
        /^warning: gcp: managingIdentity\.gcp\.serviceAccount trusts one vendor service account for every customer.*confused deputy/,
      ),
      expect.stringMatching(/^warning: azure: managingIdentity\.azure\.subject is one subject for every customer.*confused deputy/),
    ]);
    expect(
      readFileSync(join(dir, 'out', 'PERMISSIONS.md'), 'utf8').match(
        /the confused-deputy problem\)\. Ask the vendor for a per-customer form/g,
      ),
    ).toHaveLength(2);
  });

  test('a per-customer spec warns of nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alien-trust-oidc-'));
    writeFileSync(join(dir, 'spec.yaml'), specWith(OIDC));
    const result = await run('synth', '--spec', join(dir, 'spec.yaml'), '--out', join(dir, 'out'));
    expect(result.code).toBe(0);
    expect(result.err.split('\n').filter((l) => l !== '' && !l.startsWith('notice: '))).toEqual([]);
  });
});
