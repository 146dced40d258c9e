import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CUSTOMER_ID } from '../../lib/core/customer-binding';
import { AWS_LIMITS } from '../../lib/aws/permission-policies';
import { NAME_LIMITS, RESOURCE_PREFIX } from '../../lib/core/names';
import { generateTemplates } from '../../lib/output/generate';
import { TERRAFORM_FILES } from '../../lib/terraform/synth-terraform';
import { modelFromText, VALID_SPEC, wholeCatalogSpec } from '../support/fixtures';
import { run } from '../support/run-cli';
import { evaluatedArguments, scratchModule, scratchRoot } from '../support/scratch-configuration';
import { describeWithTerraform, terraform, writeConfiguration, type TerraformRun } from '../support/terraform-binary';

/**
 * Terraform itself on every generated root and module: the real configuration loads (`init`
 * decodes root and module and stops only at the provider download, which this machine cannot
 * reach), and a provider-free copy is applied with the inputs a customer gives, so that every
 * validation, precondition and argument expression is evaluated by Terraform, not by us.
 */

const repo = join(__dirname, '..', '..');
const readIfPresent = (path: string) => (existsSync(join(repo, path)) ? readFileSync(join(repo, path), 'utf8') : undefined);

const longestPrefix = `a${'b'.repeat(RESOURCE_PREFIX.maxLength - 1)}`;
const longestCustomerId = `c${'d'.repeat(CUSTOMER_ID.maxLength - 1)}`;
const gcpSubjectPrefix = `${'s'.repeat(NAME_LIMITS.googleSubject - CUSTOMER_ID.maxLength - 1)}:`;

/** Specs at every length limit the spec admits for the Terraform clouds. */
const LIMIT_SPECS: Record<string, string> = {
  'longest name, issuer and subject': VALID_SPEC.replace('name: acme-app', `name: a${'b'.repeat(28)}c`)
    .replace('issuer: https://oidc.alien.dev', `issuer: https://oidc.alien.dev/${'i'.repeat(600 - 'https://oidc.alien.dev/'.length)}`)
    .replace('subject: system:serviceaccount:alien:control', `subject: ${'s'.repeat(600)}`)
    .replace(
      'alien-control@alien-prod.iam.gserviceaccount.com',
      `a${'b'.repeat(28)}c@${'p'.repeat(180 - 31 - '.iam.gserviceaccount.com'.length)}.iam.gserviceaccount.com`,
    ),
  'OIDC with the longest issuer, audience and GCP subject prefix': `name: acme-oidc
version: 1.0.0
managingIdentity:
  aws: { roleArn: arn:aws:iam::210987654321:role/alien-control }
  oidc:
    issuer: https://oidc.alien.dev/${'i'.repeat(600 - 'https://oidc.alien.dev/'.length)}
    audience: ${'a'.repeat(600)}
    subjectPrefix: "${gcpSubjectPrefix}"
permissions: [logs/read, functions/provision]
`,
  'per-customer, vendor project domain-scoped': `name: acme-per-customer
version: 1.0.0
managingIdentity:
  aws: { roleArn: arn:aws:iam::210987654321:role/alien-control }
  gcp: { serviceAccountProject: "alien.dev:vendor-prod" }
  azure: { issuer: https://oidc.alien.dev, subjectPrefix: "customer:" }
permissions: [logs/read, functions/provision]
`,
};

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', `${name}.yaml`), 'utf8');

/** The OIDC form on AWS: the OIDC example's copy (tests never read the project's own specs, which a vendor replaces). */
const AWS_OIDC_SPEC = fixture('oidc');

const FLAGSHIP = 'the flagship (fixture per-customer)';

const SPECS: Record<string, string> = {
  [FLAGSHIP]: fixture('per-customer'),
  'the OIDC example (fixture oidc)': AWS_OIDC_SPEC,
  // VALID_SPEC is left out: the flagship covers its forms, and every spec here costs Terraform runs.
  'the whole catalog': wholeCatalogSpec(),
  ...LIMIT_SPECS,
};

const WITH_LONGEST_INPUTS = new Set([FLAGSHIP, ...Object.keys(LIMIT_SPECS)]);

/** The customer pages' own apply commands (docs/customer-<cloud>.md), read from them so that the tested inputs cannot drift from them. */
function documentedApplyVariables(cloud: 'aws' | 'gcp' | 'azure'): Record<string, string> {
  const page = readIfPresent(`docs/customer-${cloud}.md`) ?? '';
  // A command at the start of a line: the pages also name `terraform apply` in their prose.
  const command = page.match(/^terraform apply((?:\\\n|[^\n])*)/m)?.[1] ?? '';
  const variables = Object.fromEntries([...command.matchAll(/-var ([a-z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  if (Object.keys(variables).length > 0) return variables;
  return {
    aws: { region: 'eu-west-1', resource_prefix: 'acmeprod' },
    gcp: { project_id: 'acme-prod-123', resource_prefix: 'acmeprod' },
    azure: { subscription_id: '0b1f6471-1bf0-4dda-aec3-cb9272f09590', resource_group_name: 'acme-prod-rg', resource_prefix: 'acmeprod' },
  }[cloud];
}

/** The tfvars `handoff` writes for a customer, by cloud. */
async function handoffTfvars(specText: string, customerId: string, prefix: string): Promise<Record<string, Record<string, unknown>>> {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-'));
  const spec = join(dir, 'spec.yaml');
  writeFileSync(spec, specText);
  const out = join(dir, 'out');
  const model = modelFromText(specText);
  const vendor =
    model.gcp?.kind === 'per-customer'
      ? [
          '--vendor-service-account',
          `${customerId.slice(0, 30).replace(/-$/, 'x')}@${model.gcp.serviceAccountProject.split(':').reverse().join('.')}.iam.gserviceaccount.com`,
        ]
      : [];
  const result = await run(
    'handoff',
    '--spec',
    spec,
    '--customer-id',
    customerId,
    '--prefix',
    prefix,
    '--out',
    out,
    '--template-url',
    'https://example-bucket.s3.eu-west-1.amazonaws.com/t/aws/template.json',
    '--region',
    'eu-west-1',
    ...vendor,
  );
  if (result.code !== 0) throw new Error(`handoff failed: ${result.err}`);
  const read = (cloud: string) =>
    existsSync(join(out, cloud, 'terraform.tfvars.json'))
      ? JSON.parse(readFileSync(join(out, cloud, 'terraform.tfvars.json'), 'utf8'))
      : undefined;
  return {
    ...(read('aws') && { aws: read('aws') }),
    ...(read('gcp') && { gcp: read('gcp') }),
    ...(read('azure') && { azure: read('azure') }),
  };
}

/** Applies the provider-free copy of a cloud's root with `tfvars`; returns the run and every resource's evaluated arguments. */
async function applyScratch(
  files: Record<string, any>,
  tfvars: Record<string, unknown>,
): Promise<{ apply: TerraformRun; args: Map<string, any> }> {
  const dir = writeConfiguration({
    'main.tf.json': scratchRoot(files[TERRAFORM_FILES.root]),
    'module/main.tf.json': scratchModule(files[TERRAFORM_FILES.module]),
    'terraform.tfvars.json': tfvars,
  });
  const init = await terraform(dir, ['init', '-input=false', '-backend=false']);
  if (init.code !== 0) throw new Error(`init of the scratch configuration failed: ${init.stderr}`);
  const apply = await terraform(dir, ['apply', '-auto-approve', '-input=false', '-refresh=false', '-lock=false', '-parallelism=100']);
  if (apply.code !== 0) return { apply, args: new Map() };
  const outputs = await terraform(dir, ['output', '-json']);
  return { apply, args: evaluatedArguments(JSON.parse(outputs.stdout)) };
}

/** A policy document's size as IAM counts it: its JSON without whitespace (parsing it proves it is JSON). */
const compactSize = (document: string) => JSON.stringify(JSON.parse(document)).length;

/** What each cloud takes, checked on the arguments as Terraform evaluated them. */
function limitProblems(args: Map<string, any>): string[] {
  const problems: string[] = [];
  const check = (address: string, what: string, ok: boolean) => ok || problems.push(`${address}: ${what}`);
  for (const [address, a] of args) {
    const type = address.split('.')[0];
    const bytes = (s: unknown) => Buffer.byteLength(String(s ?? ''));
    switch (type) {
      case 'google_service_account':
        check(
          address,
          `account_id ${a.account_id}`,
          NAME_LIMITS.gcpServiceAccountId.pattern.test(a.account_id) &&
            a.account_id.length >= NAME_LIMITS.gcpServiceAccountId.min &&
            a.account_id.length <= NAME_LIMITS.gcpServiceAccountId.max,
        );
        check(
          address,
          `description of ${bytes(a.description)} bytes`,
          bytes(a.description) <= NAME_LIMITS.gcpServiceAccountDescriptionBytes,
        );
        check(address, `display_name of ${a.display_name.length}`, a.display_name.length <= NAME_LIMITS.gcpServiceAccountDisplayName);
        break;
      case 'google_project_iam_custom_role':
        check(address, `role_id ${a.role_id}`, NAME_LIMITS.gcpRoleId.pattern.test(a.role_id));
        check(address, `title of ${a.title.length}`, a.title.length <= NAME_LIMITS.gcpRoleTitle);
        check(address, `description of ${bytes(a.description)} bytes`, bytes(a.description) <= NAME_LIMITS.gcpRoleDescription);
        break;
      case 'google_iam_workload_identity_pool':
        check(address, `pool id ${a.workload_identity_pool_id}`, NAME_LIMITS.gcpPoolId.pattern.test(a.workload_identity_pool_id));
        check(address, `display_name of ${a.display_name.length}`, a.display_name.length <= NAME_LIMITS.gcpPoolDisplayName);
        check(address, `description of ${a.description.length}`, a.description.length <= NAME_LIMITS.gcpPoolDescription);
        break;
      case 'google_iam_workload_identity_pool_provider':
        check(
          address,
          `provider id ${a.workload_identity_pool_provider_id}`,
          NAME_LIMITS.gcpPoolId.pattern.test(a.workload_identity_pool_provider_id),
        );
        break;
      case 'google_service_account_iam_member': {
        const subject = String(a.member).match(/\/subject\/(.*)$/)?.[1];
        if (subject !== undefined)
          check(address, `google.subject of ${subject.length} characters`, subject.length <= NAME_LIMITS.googleSubject);
        break;
      }
      case 'aws_iam_role':
        check(address, `name ${a.name} of ${a.name.length}`, a.name.length <= NAME_LIMITS.awsRoleName);
        check(
          address,
          `trust policy of ${compactSize(a.assume_role_policy)}`,
          compactSize(a.assume_role_policy) <= AWS_LIMITS.trustPolicyCharacters,
        );
        break;
      case 'aws_iam_policy':
        check(address, `name ${a.name} of ${a.name.length}`, a.name.length <= NAME_LIMITS.awsPolicyName);
        check(address, `policy of ${compactSize(a.policy)}`, compactSize(a.policy) <= AWS_LIMITS.policyCharacters);
        break;
      case 'azurerm_user_assigned_identity':
        check(address, `name ${a.name}`, NAME_LIMITS.azureIdentityName.pattern.test(a.name));
        break;
      case 'azurerm_role_definition':
        check(address, `name of ${a.name.length}`, a.name.length <= NAME_LIMITS.azureRoleName);
        check(address, `description of ${a.description.length}`, a.description.length <= NAME_LIMITS.azureRoleDescription);
        break;
      case 'azurerm_federated_identity_credential':
        check(address, `name ${a.name}`, NAME_LIMITS.azureFederatedCredentialName.pattern.test(a.name));
        check(address, `subject of ${a.subject.length}`, a.subject.length <= NAME_LIMITS.azureFederatedCredentialValue);
        check(address, `issuer of ${a.issuer.length}`, a.issuer.length <= NAME_LIMITS.azureFederatedCredentialValue);
        break;
    }
  }
  return problems;
}

describeWithTerraform('Terraform on the generated Terraform', () => {
  describe.each(Object.entries(SPECS))('%s', (name, text) => {
    const files = generateTemplates(modelFromText(text));
    const clouds = (['aws', 'gcp', 'azure'] as const).filter((cloud) => files.has(`${cloud}/${TERRAFORM_FILES.root}`));
    const filesOf = (cloud: string) =>
      Object.fromEntries([TERRAFORM_FILES.root, TERRAFORM_FILES.module].map((f) => [f, JSON.parse(files.get(`${cloud}/${f}`)!)]));

    test.each(clouds)('%s: terraform init decodes the root and its module, and stops only at the provider download', async (cloud) => {
      const dir = writeConfiguration(filesOf(cloud));
      const init = await terraform(dir, ['init', '-backend=false', '-input=false']);
      expect(init.stdout).toContain('Initializing provider plugins...');
      // Every error is the registry being out of reach: none is about the configuration.
      const errors = init.stderr.split('\n').filter((l) => l.startsWith('Error: '));
      expect(errors.filter((e) => e !== 'Error: Failed to query available provider packages')).toEqual([]);
    });

    test.each(clouds)("%s: the customer page's apply command and the handoff's tfvars apply, within every limit", async (cloud) => {
      // The customer page shows one trust form; a root takes the variables it declares.
      const declared = Object.keys(filesOf(cloud)[TERRAFORM_FILES.root].variable ?? {});
      const documented = Object.fromEntries(Object.entries(documentedApplyVariables(cloud)).filter(([name]) => declared.includes(name)));
      const inputs = [await handoffTfvars(text, 'acme-corp', documented.resource_prefix)];
      // The longest inputs where names are longest: the flagship and the specs at the limits
      // (the others' names are shorter, and every apply costs the suite a Terraform run).
      if (WITH_LONGEST_INPUTS.has(name)) inputs.push(await handoffTfvars(text, longestCustomerId, longestPrefix));
      // Both applies at once: each is a Terraform process of its own.
      const results = await Promise.all(inputs.map((tfvars) => applyScratch(filesOf(cloud), { ...documented, ...tfvars[cloud] })));
      for (const { apply, args } of results) {
        expect(apply.stderr).toBe('');
        expect(args.size).toBeGreaterThan(0);
        expect(limitProblems(args)).toEqual([]);
      }
    });
  });
});

describeWithTerraform('Terraform refuses bad input at plan time, with the message the module gives', () => {
  const gcp = generateTemplates(modelFromText(AWS_OIDC_SPEC));
  const azure = generateTemplates(modelFromText(LIMIT_SPECS['per-customer, vendor project domain-scoped']));
  const filesOf = (f: Map<string, string>, cloud: string) =>
    Object.fromEntries([TERRAFORM_FILES.root, TERRAFORM_FILES.module].map((p) => [p, JSON.parse(f.get(`${cloud}/${p}`)!)]));
  const gcpGood = { project_id: 'acme-prod-123', resource_prefix: 'acmeprod', customer_id: 'acme-corp' };
  const azureGood = {
    subscription_id: '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
    resource_group_name: 'acme-prod-rg',
    resource_prefix: 'acmeprod',
    customer_id: 'acme-corp',
  };

  test.each([
    ['a prefix with a hyphen', { resource_prefix: 'acme-prod' }, 'The resource_prefix must be'],
    ['a prefix over 24 characters', { resource_prefix: `a${'b'.repeat(24)}` }, 'The resource_prefix must be'],
    ['a project id with upper case', { project_id: 'Acme-Prod-123' }, 'The project_id must be'],
    ['a customer id with a colon', { customer_id: 'acme:corp' }, 'The customer_id must be'],
    [
      'a runtime account of another prefix',
      { runtime_service_accounts: ['other-run@acme-prod-123.iam.gserviceaccount.com'] },
      'Each runtime service account must be named for the resource prefix',
    ],
    [
      'a runtime account of another project',
      { runtime_service_accounts: ['acmeprod-run@other-proj-1.iam.gserviceaccount.com'] },
      'Each runtime service account must be named for the resource prefix',
    ],
  ])('GCP: %s', async (_, change, message) => {
    const { apply } = await applyScratch(filesOf(gcp, 'gcp'), { ...gcpGood, ...change });
    expect(apply.code).not.toBe(0);
    expect(apply.stderr.replace(/\s+/g, ' ')).toContain(message);
  });

  test('GCP: a runtime account of a domain-scoped project is accepted with its real email', async () => {
    const { apply, args } = await applyScratch(filesOf(gcp, 'gcp'), {
      ...gcpGood,
      project_id: 'example.com:acme-prod',
      runtime_service_accounts: ['acmeprod-run@acme-prod.example.com.iam.gserviceaccount.com'],
    });
    expect(apply.stderr).toBe('');
    expect(args.get('google_service_account.alien')).toMatchObject({ project: 'example.com:acme-prod' });
  });

  const awsRole = generateTemplates(modelFromText(VALID_SPEC, ['aws']));
  const awsOidc = generateTemplates(modelFromText(AWS_OIDC_SPEC, ['aws']));
  const awsGood = { region: 'eu-west-1', resource_prefix: 'acmeprod' };
  test.each([
    ['a prefix with a hyphen', awsRole, { external_id: 'abc123', resource_prefix: 'acme-prod' }, 'The resource_prefix must be'],
    ['an external id with a space', awsRole, { external_id: 'abc 123' }, 'The external_id must be'],
    ['an external id of one character', awsRole, { external_id: 'a' }, 'The external_id must be'],
    ['an external id over 1224 characters', awsRole, { external_id: 'a'.repeat(1225) }, 'The external_id must be'],
    ['a region that is no region', awsRole, { external_id: 'abc123', region: 'Europe' }, 'The region must be'],
    ['a customer id with upper case', awsOidc, { customer_id: 'Acme' }, 'The customer_id must be'],
    [
      'an OIDC provider ARN that is none',
      awsOidc,
      { customer_id: 'acme-corp', oidc_provider_arn: 'oidc.alien.dev' },
      'The oidc_provider_arn must be',
    ],
  ])('AWS: %s', async (_, files, change, message) => {
    const { apply } = await applyScratch(filesOf(files, 'aws'), { ...awsGood, ...change });
    expect(apply.code).not.toBe(0);
    expect(apply.stderr.replace(/\s+/g, ' ')).toContain(message);
  });

  test('AWS: an existing OIDC provider is trusted instead of a new one', async () => {
    const arn = 'arn:aws:iam::123456789012:oidc-provider/oidc.alien.dev';
    const { apply, args } = await applyScratch(filesOf(awsOidc, 'aws'), { ...awsGood, customer_id: 'acme-corp', oidc_provider_arn: arn });
    expect(apply.stderr).toBe('');
    expect([...args.keys()].filter((a) => a.startsWith('aws_iam_openid_connect_provider'))).toEqual([]);
    expect(JSON.parse(args.get('aws_iam_role.trust').assume_role_policy).Statement[0].Principal).toEqual({ Federated: arn });
  });

  test('AWS: without one, the new provider is trusted', async () => {
    const { apply, args } = await applyScratch(filesOf(awsOidc, 'aws'), { ...awsGood, customer_id: 'acme-corp' });
    expect(apply.stderr).toBe('');
    expect(args.get('aws_iam_openid_connect_provider.vendor["0"]')).toBeDefined();
    expect(JSON.parse(args.get('aws_iam_role.trust').assume_role_policy).Statement[0].Principal.Federated).toBe(
      'arn:aws:iam::123456789012:oidc-provider/oidc.alien.dev',
    );
  });

  test.each([
    ['a subscription that is no GUID', { subscription_id: 'acme' }, 'The subscription_id must be'],
    ['a customer id with upper case', { customer_id: 'Acme' }, 'The customer_id must be'],
  ])('Azure: %s', async (_, change, message) => {
    const { apply } = await applyScratch(filesOf(azure, 'azure'), { ...azureGood, ...change });
    expect(apply.code).not.toBe(0);
    expect(apply.stderr.replace(/\s+/g, ' ')).toContain(message);
  });

  test('Azure: the tags reach the managed identity', async () => {
    const { apply, args } = await applyScratch(filesOf(azure, 'azure'), { ...azureGood, tags: { 'cost-center': 'platform' } });
    expect(apply.stderr).toBe('');
    expect(args.get('azurerm_user_assigned_identity.alien').tags).toEqual({ 'cost-center': 'platform' });
  });
});
