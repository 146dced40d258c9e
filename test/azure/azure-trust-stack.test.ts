import { AZURERM_PROVIDER_VERSION } from '../../lib/azure/azure-trust-stack';
import { FIXTURE_NAMES } from '../support/fixtures';
import { allStrings, azureOf, foreignInterpolations } from '../support/terraform';

const full = azureOf('full');
const resources = full.resource;
const group = '${data.azurerm_resource_group.deployment.id}';

describe('the Azure module', () => {
  test("federates the identity with the vendor's issuer, subject and default audience", () => {
    expect(resources.azurerm_federated_identity_credential.vendor).toEqual({
      name: 'alien-control-plane',
      resource_group_name: '${data.azurerm_resource_group.deployment.name}',
      parent_id: '${azurerm_user_assigned_identity.alien.id}',
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

  test('names the role after the prefix and the resource group, unique in the tenant', () => {
    expect(resources.azurerm_role_definition.alien_role.name).toBe('Alien ${var.resource_prefix} in ${data.azurerm_resource_group.deployment.name}');
  });

  test('grants the sets\' actions and data actions, sorted, with no wildcard', () => {
    const [permissions] = resources.azurerm_role_definition.alien_role.permissions;
    expect(permissions.actions).toContain('Microsoft.Web/sites/publish/Action');
    expect(permissions.data_actions).toContain('Microsoft.KeyVault/vaults/secrets/getSecret/action');
    for (const list of [permissions.actions, permissions.data_actions]) {
      expect(list).toEqual([...list].sort());
      for (const op of list) expect(op).not.toContain('*');
    }
  });

  test('outputs client, tenant and principal ids', () => {
    expect(Object.keys(full.output).sort()).toEqual(['client_id', 'principal_id', 'tenant_id']);
    expect(full.output.tenant_id.value).toBe('${azurerm_user_assigned_identity.alien.tenant_id}');
  });

  test('pins azurerm below 5.0, which dropped parent_id', () => {
    expect(full.terraform).toEqual({ required_providers: { azurerm: { source: 'hashicorp/azurerm', version: AZURERM_PROVIDER_VERSION } } });
    expect(AZURERM_PROVIDER_VERSION).toBe('~> 4.55');
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
