import { GOOGLE_PROVIDER } from '../../lib/gcp/gcp-trust-stack';
import { GCP_REQUIRED_APIS } from '../../lib/gcp/required-apis';
import { GCP_PROJECT_ID, gcpServiceAccountIds, NAME_LIMITS, RESOURCE_PREFIX } from '../../lib/core/names';
import { FIXTURE_NAMES } from '../support/fixtures';
import { allStrings, foreignInterpolations, gcpOf } from '../support/terraform';

const full = gcpOf('full');
const resources = full.resource;

describe('the GCP module', () => {
  test("grants token creation on the deployment's service account only, to the vendor's", () => {
    expect(resources.google_service_account_iam_member.vendor_token_creator).toEqual({
      service_account_id: '${google_service_account.alien.name}',
      role: 'roles/iam.serviceAccountTokenCreator',
      member: 'serviceAccount:alien-control-plane@alien-prod.iam.gserviceaccount.com',
    });
  });

  test('lets the deployment deploy as a runtime service account only one listed account at a time, each named for the prefix', () => {
    // Without workloadIdentities (the flagship's copy): the customer lists the runtime accounts.
    const flagship = gcpOf('per-customer');
    const user = flagship.resource.google_service_account_iam_member.vendor_runtime_service_account_user;
    expect(user).toMatchObject({
      for_each: '${toset(var.runtime_service_accounts)}',
      service_account_id: 'projects/${var.project_id}/serviceAccounts/${each.value}',
      role: 'roles/iam.serviceAccountUser',
      member: 'serviceAccount:${google_service_account.alien.email}',
    });
    expect(flagship.variable.runtime_service_accounts).toMatchObject({ type: 'list(string)', default: [] });
    const [precondition] = user.lifecycle.precondition;
    // The precondition's regex, with the prefix and project filled in as Terraform's format() would.
    const pattern = new RegExp(/format\("([^"]*)"/.exec(precondition.condition)![1].replace('%s', 'acme').replace('%s', 'acme-prod-123'));
    expect(pattern.test('acme-api@acme-prod-123.iam.gserviceaccount.com')).toBe(true);
    for (const other of [
      'acmeprod-api@acme-prod-123.iam.gserviceaccount.com',
      'acme-api@other-project.iam.gserviceaccount.com',
      'owner@acme-prod-123.iam.gserviceaccount.com',
    ]) {
      expect(pattern.test(other)).toBe(false);
    }
    expect(gcpOf('custom-sets').resource.google_service_account_iam_member.vendor_runtime_service_account_user).toBeUndefined();
  });

  test('uses only additive IAM resources and no primitive roles', () => {
    const types = Object.keys(resources);
    for (const authoritative of [
      'google_project_iam_policy',
      'google_project_iam_binding',
      'google_service_account_iam_policy',
      'google_service_account_iam_binding',
    ]) {
      expect(types).not.toContain(authoritative);
    }
    const roles = Object.values<any>(resources.google_project_iam_member).map((m) => m.role);
    for (const role of roles) expect(role).toMatch(/^\$\{google_project_iam_custom_role\.[a-z_]+\.name\}$/);
  });

  test('creates one custom role per permission set, bound to the service account', () => {
    const roles = resources.google_project_iam_custom_role;
    // Besides the workload identities' own roles (workload_…, bound to their accounts).
    expect(Object.keys(roles).filter((id) => !id.startsWith('workload_'))).toHaveLength(11);
    expect(roles.storage_data_read).toMatchObject({
      project: '${var.project_id}',
      role_id: '${replace(var.resource_prefix, "-", "_")}_${random_id.role_suffix.hex}.storage.data_read',
      permissions: ['storage.buckets.get', 'storage.objects.get', 'storage.objects.list'],
    });
    for (const [id, member] of Object.entries<any>(resources.google_project_iam_member)) {
      if (!id.startsWith('workload_')) expect(member.member).toBe('serviceAccount:${google_service_account.alien.email}');
    }
  });

  test("binds a set's condition with the prefix filled in", () => {
    expect(resources.google_project_iam_member.storage_data_read_member.condition).toEqual({
      title: 'Buckets of ${var.resource_prefix}',
      expression: 'resource.name.startsWith("projects/_/buckets/${var.resource_prefix}-")',
    });
    expect(resources.google_project_iam_member.logs_read_member.condition).toBeUndefined();
  });

  test('derives the service account id from the prefix and the product, hashed where the prefix leaves no room', () => {
    expect(resources.google_service_account.alien.account_id).toBe(
      '${(length(var.resource_prefix) <= 20) ? "${var.resource_prefix}-alien-app" : "${var.resource_prefix}-cde9b"}',
    );
  });

  test('validates the prefix with the shared rule', () => {
    const [validation] = full.variable.resource_prefix.validation;
    expect(validation.condition).toBe(`\${can(regex("${RESOURCE_PREFIX.pattern}", var.resource_prefix))}`);
    expect(validation.error_message).toMatch(/^The resource_prefix must be .*\.$/);
    expect(full.variable.project_id.type).toBe('string');
  });

  test('pins Terraform, the google provider to the major version of the bindings and random to 3.x and time to 0.x, and sets no backend', () => {
    expect(full.terraform).toEqual({
      required_version: '>= 1.2',
      required_providers: {
        google: GOOGLE_PROVIDER,
        random: { source: 'hashicorp/random', version: '~> 3.0' },
        time: { source: 'hashicorp/time', version: '~> 0.9' },
      },
    });
    expect(GOOGLE_PROVIDER).toEqual({ source: 'hashicorp/google', version: '~> 6.50' });
  });

  test('configures no provider, so a caller can use it with count, for_each and its own provider', () => {
    expect(full.provider).toBeUndefined();
  });

  test('re-applies after a destroy on any day: role ids carry a random suffix kept in state', () => {
    // A deleted role id is reserved for 37 days and only undeletable within 7.
    expect(resources.random_id).toEqual({ role_suffix: { byte_length: 3 } });
    for (const role of Object.values<any>(resources.google_project_iam_custom_role)) {
      expect(role.role_id).toContain('_${random_id.role_suffix.hex}.');
      const longest = role.role_id
        .replace('${replace(var.resource_prefix, "-", "_")}', 'p'.repeat(RESOURCE_PREFIX.maxLength))
        .replace('${random_id.role_suffix.hex}', 'f'.repeat(6));
      expect(longest).toMatch(NAME_LIMITS.gcpRoleId.pattern);
    }
  });

  test('enables the APIs a new project lacks, leaves them on at destroy, and creates IAM resources after them', () => {
    const services = Object.values<any>(resources.google_project_service);
    expect(services.map((s) => s.service).sort()).toEqual(Object.keys(GCP_REQUIRED_APIS).sort());
    for (const s of services) expect(s).toMatchObject({ project: '${var.project_id}', disable_on_destroy: false });
    const apis = Object.keys(resources.google_project_service)
      .map((k) => `google_project_service.${k}`)
      .sort();
    expect([...resources.google_service_account.alien.depends_on].sort()).toEqual(apis);
    for (const role of Object.values<any>(resources.google_project_iam_custom_role)) expect([...role.depends_on].sort()).toEqual(apis);
  });

  test('validates project_id at plan time with a capitalised message naming the form', () => {
    const [validation] = full.variable.project_id.validation;
    expect(validation.condition).toBe(`\${can(regex("${GCP_PROJECT_ID.pattern}", var.project_id))}`);
    expect(validation.error_message).toMatch(/^The project_id must be .*\.$/);
    const rule = new RegExp(GCP_PROJECT_ID.pattern);
    for (const good of ['acme-prod-123', 'example.com:acme-prod']) expect(rule.test(good)).toBe(true);
    for (const bad of ['Acme-prod', '123-acme', 'acme', 'acme-prod-', `a${'b'.repeat(30)}`]) expect(rule.test(bad)).toBe(false);
  });

  test('says honestly which sets reach the whole project', () => {
    const description = full.variable.resource_prefix.description;
    expect(description).not.toMatch(/reaches only/);
    expect(description).toContain('these sets reach the whole project');
    expect(description).toContain('logs/read');
    expect(description).not.toContain('storage/data-read');
  });

  test('outputs the service account email', () => {
    expect(full.output.service_account_email.value).toBe('${google_service_account.alien.email}');
  });

  test('escapes spec text so Terraform does not evaluate it', () => {
    const custom = gcpOf('custom-sets');
    const role = custom.resource.google_project_iam_custom_role.reports_export;
    expect(role.description).toBe("Write exports to the deployment's report buckets (ends with %%{x} and $${y})");
    const condition = custom.resource.google_project_iam_member.reports_export_member.condition;
    expect(condition.description).toBe('Only buckets named ${var.resource_prefix}-reports, 100%%{sure}');
    for (const [path, value] of allStrings(custom)) expect([path, foreignInterpolations(value)]).toEqual([path, []]);
  });

  test.each(FIXTURE_NAMES.filter((f) => f !== 'aws-only'))('matches the reviewed snapshot for %s', (fixture) => {
    expect(gcpOf(fixture)).toMatchSnapshot();
  });
});

describe("the GCP module's outputs", () => {
  test("carry what the vendor's importer reads: the email, the account's unique id, the project, its number and the release", () => {
    const module = gcpOf('full');
    expect(Object.keys(module.output).sort()).toEqual([
      'project',
      'project_number',
      'service_account_email',
      'service_account_unique_id',
      'template',
      // full declares workload identities.
      'workload_service_accounts',
    ]);
    expect(module.output.service_account_unique_id.value).toBe('${google_service_account.alien.unique_id}');
    expect(module.output.template.value).toMatch(/^[a-z0-9-]+@\d+\.\d+\.\d+/);

    // The number of the project the module manages, read by the customer's apply: Alien names
    // the Cloud Storage service agent with it, and is refused resourcemanager.projects.get.
    expect(module.data.google_project).toEqual({ this: { project_id: '${var.project_id}' } });
    expect(module.output.project_number.value).toBe('${data.google_project.this.number}');
  });
});

describe('workload identities on GCP: the configuration creates their service accounts', () => {
  test("one service account per identity, <prefix>-<name> where it fits GCP's 6 to 30 characters, else hashed", () => {
    expect(Object.keys(resources.google_service_account).sort()).toEqual(['alien', 'workload_api', 'workload_nodes']);
    // `api` is short: the readable id needs a prefix of 2 to 26 characters.
    const hashed = gcpServiceAccountIds('api').hashed('${var.resource_prefix}');
    expect(resources.google_service_account.workload_api.account_id).toBe(
      `\${((length(var.resource_prefix) >= 2) && (length(var.resource_prefix) <= 26)) ? "\${var.resource_prefix}-api" : "${hashed}"}`,
    );
    expect(full.output.workload_service_accounts.value).toEqual({
      api: '${google_service_account.workload_api.email}',
      nodes: '${google_service_account.workload_nodes.email}',
    });
  });

  test('the vendor may act as exactly those, one by one, and lists no other runtime account', () => {
    const users = Object.entries<any>(resources.google_service_account_iam_member).filter(
      ([, m]) => m.role === 'roles/iam.serviceAccountUser',
    );
    expect(users.map(([, m]) => [m.service_account_id, m.member])).toEqual([
      ['${google_service_account.workload_api.name}', 'serviceAccount:${google_service_account.alien.email}'],
      ['${google_service_account.workload_nodes.name}', 'serviceAccount:${google_service_account.alien.email}'],
    ]);
    expect(full.variable.runtime_service_accounts).toBeUndefined();
  });

  test("their permissions are custom roles of the workload sets, apart from the vendor's, bound to them with the set's condition", () => {
    const roles = resources.google_project_iam_custom_role;
    expect(roles.workload_storage_data_write.role_id).toBe(
      '${replace(var.resource_prefix, "-", "_")}_${random_id.role_suffix.hex}.workload_storage.data_write',
    );
    const bound = Object.entries<any>(resources.google_project_iam_member).filter(([id]) => id.startsWith('workload_'));
    expect(bound.map(([, m]) => m.member).sort()).toEqual([
      'serviceAccount:${google_service_account.workload_api.email}',
      'serviceAccount:${google_service_account.workload_api.email}',
      'serviceAccount:${google_service_account.workload_nodes.email}',
      'serviceAccount:${google_service_account.workload_nodes.email}',
    ]);
    expect(resources.google_project_iam_member.workload_storage_data_write_api.condition).toEqual(
      resources.google_project_iam_member.storage_data_write_member.condition,
    );
  });
});
