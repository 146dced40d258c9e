import { createHash } from 'node:crypto';
import { AZURERM_PROVIDER } from '../../lib/azure/azure-trust-stack';
import { AZURE_ROLE_NAME_PARTS, azureRoleName, NAME_LIMITS, RESOURCE_PREFIX } from '../../lib/core/names';
import { FIXTURE_NAMES } from '../support/fixtures';
import { allStrings, azureOf, foreignInterpolations } from '../support/terraform';

const full = azureOf('full');
const resources = full.resource;
const group = '${data.azurerm_resource_group.deployment.id}';

describe('the Azure module', () => {
  test("federates the identity with the vendor's issuer, subject and default audience, without deprecated arguments", () => {
    // azurerm 4.65 replaced parent_id and resource_group_name with user_assigned_identity_id.
    expect(resources.azurerm_federated_identity_credential.vendor).toEqual({
      name: 'alien-control-plane',
      user_assigned_identity_id: '${azurerm_user_assigned_identity.alien.id}',
      issuer: 'https://oidc.alien.dev',
      subject: 'system:serviceaccount:alien:control-plane',
      audience: ['api://AzureADTokenExchange'],
    });
  });

  test('takes a custom audience from the spec', () => {
    expect(azureOf('custom-sets').resource.azurerm_federated_identity_credential.vendor.audience).toEqual(['api://vendor-reports']);
  });

  test('scopes the role definition and its assignment to the resource group only', () => {
    const role = resources.azurerm_role_definition.alien_role;
    expect(role.scope).toBe(group);
    expect(role.assignable_scopes).toEqual([group]);
    expect(resources.azurerm_role_assignment.alien_role_assignment).toEqual({
      scope: group,
      role_definition_id: '${azurerm_role_definition.alien_role.role_definition_resource_id}',
      principal_id: '${azurerm_user_assigned_identity.alien.principal_id}',
      principal_type: 'ServicePrincipal',
    });
  });

  test('names the role after the prefix, the group and a hash of the group id (which holds the subscription), the prefix and the product', () => {
    expect(resources.azurerm_role_definition.alien_role.name).toBe(
      'Alien ${var.resource_prefix} in ${substr(data.azurerm_resource_group.deployment.name, 0, 80)} #${substr(sha1(lower(join("/", [data.azurerm_resource_group.deployment.id, var.resource_prefix, "alien-app"]))), 0, 8)}',
    );
  });

  test('gives every (subscription, group, prefix) its own role name, tenant-wide, and the same one on every apply', () => {
    // The Terraform expression above, evaluated for concrete inputs.
    const name = (subscription: string, group: string, prefix: string) => {
      const id = `/subscriptions/${subscription}/resourceGroups/${group}`;
      const hash = createHash('sha1').update(`${id}/${prefix}`.toLowerCase()).digest('hex').slice(0, AZURE_ROLE_NAME_PARTS.hashCharacters);
      return azureRoleName(prefix, group.slice(0, AZURE_ROLE_NAME_PARTS.groupCharacters), hash);
    };
    const staging = name('11111111-1111-1111-1111-111111111111', 'app-rg', 'acme');
    const production = name('22222222-2222-2222-2222-222222222222', 'app-rg', 'acme');
    expect(staging).not.toBe(production);
    expect(name('11111111-1111-1111-1111-111111111111', 'app-rg', 'acme2')).not.toBe(staging);
    expect(name('11111111-1111-1111-1111-111111111111', 'APP-RG', 'acme').split('#')[1]).toBe(staging.split('#')[1]);
    expect(name('11111111-1111-1111-1111-111111111111', 'app-rg', 'acme')).toBe(staging);
    const longest = name(
      '11111111-1111-1111-1111-111111111111',
      'g'.repeat(NAME_LIMITS.azureResourceGroup),
      'p'.repeat(RESOURCE_PREFIX.maxLength),
    );
    expect(longest.length).toBeLessThanOrEqual(NAME_LIMITS.azureRoleName);
  });

  test('configures no provider, so a caller can use it with count, for_each and its own provider', () => {
    expect(full.provider).toBeUndefined();
  });

  test('says the role reaches the whole resource group, not only prefixed names', () => {
    const description = full.variable.resource_prefix.description;
    expect(description).not.toMatch(/reaches only/);
    expect(description).toContain('every resource in the resource group');
    expect(full.variable.resource_prefix.validation[0].error_message).toMatch(/^The resource_prefix must be .*\.$/);
  });

  test("grants the sets' actions and data actions, sorted, with no wildcard", () => {
    const [permissions] = resources.azurerm_role_definition.alien_role.permissions;
    expect(permissions.actions).toContain('Microsoft.Web/sites/publish/Action');
    expect(permissions.data_actions).toContain('Microsoft.KeyVault/vaults/secrets/getSecret/action');
    for (const list of [permissions.actions, permissions.data_actions]) {
      expect(list).toEqual([...list].sort());
      for (const op of list) expect(op).not.toContain('*');
    }
  });

  test("outputs client, tenant and principal ids, and what the vendor's importer reads: subscription, group, identity id, release", () => {
    expect(Object.keys(full.output).sort()).toEqual([
      'client_id',
      'identity_id',
      'principal_id',
      'resource_group',
      'subscription',
      'template',
      'tenant_id',
      // full declares workload identities.
      'workload_identities',
    ]);
    expect(full.output.subscription.value).toBe('${element(split("/", data.azurerm_resource_group.deployment.id), 2)}');
    expect(full.output.template.value).toMatch(/^[a-z0-9-]+@\d+\.\d+\.\d+/);
    expect(full.output.tenant_id.value).toBe('${azurerm_user_assigned_identity.alien.tenant_id}');
  });

  test('pins Terraform, and azurerm to the versions that know user_assigned_identity_id (4.65 up to 5.0), without 4.75.0', () => {
    expect(full.terraform).toEqual({ required_version: '>= 1.2', required_providers: { azurerm: AZURERM_PROVIDER } });
    expect(AZURERM_PROVIDER).toEqual({ source: 'hashicorp/azurerm', version: '>= 4.65, != 4.75.0, < 5.0' });
  });

  test('looks up the resource group by name', () => {
    expect(full.data.azurerm_resource_group.deployment).toEqual({ name: '${var.resource_group_name}' });
  });

  test('escapes spec text so Terraform does not evaluate it', () => {
    const custom = azureOf('custom-sets');
    expect(custom.resource.azurerm_federated_identity_credential.vendor.subject).toBe('repo:vendor/reports:environment:$${prod}');
    for (const [path, value] of allStrings(custom)) expect([path, foreignInterpolations(value)]).toEqual([path, []]);
  });

  test.each(FIXTURE_NAMES.filter((f) => f !== 'aws-only'))('matches the reviewed snapshot for %s', (fixture) => {
    expect(azureOf(fixture)).toMatchSnapshot();
  });
});
