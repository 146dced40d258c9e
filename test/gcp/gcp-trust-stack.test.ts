import { GOOGLE_PROVIDER_VERSION } from '../../lib/gcp/gcp-trust-stack';
import { RESOURCE_PREFIX } from '../../lib/model/names';
import { FIXTURE_NAMES } from '../support/fixtures';
import { allStrings, foreignInterpolations, gcpOf } from '../support/terraform';

const full = gcpOf('full');
const resources = full.resource;

describe('the GCP module', () => {
  test("grants token creation on the deployment's service account only, to the vendor's", () => {
    expect(resources.google_service_account_iam_member).toEqual({
      vendor_token_creator: {
        service_account_id: '${google_service_account.alien.name}',
        role: 'roles/iam.serviceAccountTokenCreator',
        member: 'serviceAccount:alien-control-plane@alien-prod.iam.gserviceaccount.com',
      },
    });
  });

  test('uses only additive IAM resources and no primitive roles', () => {
    const types = Object.keys(resources);
    for (const authoritative of ['google_project_iam_policy', 'google_project_iam_binding', 'google_service_account_iam_policy', 'google_service_account_iam_binding']) {
      expect(types).not.toContain(authoritative);
    }
    const roles = Object.values<any>(resources.google_project_iam_member).map((m) => m.role);
    for (const role of roles) expect(role).toMatch(/^\$\{google_project_iam_custom_role\.[a-z_]+\.name\}$/);
  });

  test('creates one custom role per permission set, bound to the service account', () => {
    const roles = resources.google_project_iam_custom_role;
    expect(Object.keys(roles)).toHaveLength(11);
    expect(roles.storage_data_read).toMatchObject({
      project: '${var.project_id}',
      role_id: '${replace(var.resource_prefix, "-", "_")}.storage.data_read',
      permissions: ['storage.buckets.get', 'storage.objects.get', 'storage.objects.list'],
    });
    for (const member of Object.values<any>(resources.google_project_iam_member)) {
      expect(member.member).toBe('serviceAccount:${google_service_account.alien.email}');
    }
  });

  test("binds a set's condition with the prefix filled in", () => {
    expect(resources.google_project_iam_member.storage_data_read_member.condition).toEqual({
      title: 'Buckets of ${var.resource_prefix}',
      expression: 'resource.name.startsWith("projects/_/buckets/${var.resource_prefix}-")',
    });
    expect(resources.google_project_iam_member.logs_read_member.condition).toBeUndefined();
  });

  test('derives the service account id from the prefix', () => {
    expect(resources.google_service_account.alien.account_id).toBe('${var.resource_prefix}-alien');
  });

  test('validates the prefix with the shared rule', () => {
    const [validation] = full.variable.resource_prefix.validation;
    expect(validation.condition).toBe(`\${can(regex("${RESOURCE_PREFIX.pattern}", var.resource_prefix))}`);
    expect(full.variable.project_id.type).toBe('string');
  });

  test('pins the google provider to the major version of the bindings and sets no backend', () => {
    expect(full.terraform).toEqual({ required_providers: { google: { source: 'hashicorp/google', version: GOOGLE_PROVIDER_VERSION } } });
    expect(GOOGLE_PROVIDER_VERSION).toBe('~> 6.50');
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
