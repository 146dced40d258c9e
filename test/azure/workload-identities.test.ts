import {
  AZURE_ATTACH_ROLE_GROUP_CHARACTERS,
  AZURE_ROLE_NAME_PARTS,
  azureAttachRoleName,
  NAME_LIMITS,
  RESOURCE_PREFIX,
} from '../../lib/core/names';
import { generateTemplates } from '../../lib/output/generate';
import { modelFromText, VALID_SPEC } from '../support/fixtures';

/** Two workload identities, a set that attaches identities and one that assigns roles. */
const spec = `${VALID_SPEC.replace('[logs/read]', '[logs/read, ai/provision, container/provision]')}allowOutlivingRevocation: [container/provision]
workloadIdentities: { identities: [{ name: api, services: [lambda] }, { name: web-1, services: [ecs-tasks] }], permissions: [storage/data-write], azureRoles: [Storage Blob Data Contributor, Storage Queue Data Contributor] }
`;
const tf = JSON.parse(generateTemplates(modelFromText(spec)).get('azure/module/main.tf.json')!);
const { azurerm_role_assignment: assignments, azurerm_role_definition: roles, azurerm_user_assigned_identity: identities } = tf.resource;
const group = '${data.azurerm_resource_group.deployment.id}';
const vendor = '${azurerm_user_assigned_identity.alien.principal_id}';

describe('workload identities on Azure: the template creates them', () => {
  test('one user-assigned identity per workload identity, <prefix>-<name>, in the group, with no federated credential', () => {
    expect(identities.workload_api).toEqual({
      name: '${var.resource_prefix}-api',
      resource_group_name: '${data.azurerm_resource_group.deployment.name}',
      location: '${data.azurerm_resource_group.deployment.location}',
      tags: '${var.tags}',
    });
    expect(identities.workload_web_1.name).toBe('${var.resource_prefix}-web-1');
    // The vendor's federated credential is on its own identity alone.
    expect(Object.values<any>(tf.resource.azurerm_federated_identity_credential).map((c) => c.user_assigned_identity_id)).toEqual([
      '${azurerm_user_assigned_identity.alien.id}',
    ]);
  });

  test("the template, not the vendor, gives each the spec's built-in roles at the group", () => {
    const given = Object.entries<any>(assignments)
      .filter(([id]) => id.startsWith('workload_'))
      .map(([, a]) => [a.principal_id, a.role_definition_name, a.scope]);
    expect(given).toEqual(
      expect.arrayContaining([
        ['${azurerm_user_assigned_identity.workload_api.principal_id}', 'Storage Blob Data Contributor', group],
        ['${azurerm_user_assigned_identity.workload_api.principal_id}', 'Storage Queue Data Contributor', group],
        ['${azurerm_user_assigned_identity.workload_web_1.principal_id}', 'Storage Blob Data Contributor', group],
        ['${azurerm_user_assigned_identity.workload_web_1.principal_id}', 'Storage Queue Data Contributor', group],
      ]),
    );
    expect(given).toHaveLength(4);
  });

  test("the vendor's group role never holds assign/action; a role of its own holds it, assigned at each workload identity only", () => {
    expect(roles.alien_role.permissions[0].actions).not.toContain('Microsoft.ManagedIdentity/userAssignedIdentities/assign/action');
    expect(roles.alien_attach_role.permissions).toEqual([
      { actions: ['Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'], data_actions: [] },
    ]);
    const attaching = Object.values<any>(assignments).filter((a) => a.role_definition_id?.includes('alien_attach_role'));
    expect(attaching.map((a) => [a.scope, a.principal_id])).toEqual([
      ['${azurerm_user_assigned_identity.workload_api.id}', vendor],
      ['${azurerm_user_assigned_identity.workload_web_1.id}', vendor],
    ]);
    // Its name, at the longest prefix and group name, within Azure's limit.
    const longest = azureAttachRoleName(
      'p'.repeat(RESOURCE_PREFIX.maxLength),
      'g'.repeat(AZURE_ATTACH_ROLE_GROUP_CHARACTERS),
      'h'.repeat(AZURE_ROLE_NAME_PARTS.hashCharacters),
    );
    expect(longest.length).toBeLessThanOrEqual(NAME_LIMITS.azureRoleName);
    expect(roles.alien_attach_role.name).toContain(`0, ${AZURE_ATTACH_ROLE_GROUP_CHARACTERS})`);
  });

  test("the vendor's role assignments go only to the workload identities, only with their azureRoles", () => {
    const condition: string = assignments.alien_role_assignment.condition;
    const principals =
      '{${azurerm_user_assigned_identity.workload_api.principal_id}, ${azurerm_user_assigned_identity.workload_web_1.principal_id}}';
    expect(condition).toContain(`@Request[Microsoft.Authorization/roleAssignments:PrincipalId] ForAnyOfAnyValues:GuidEquals ${principals}`);
    expect(condition).toContain(
      `@Resource[Microsoft.Authorization/roleAssignments:PrincipalId] ForAnyOfAnyValues:GuidEquals ${principals}`,
    );
    expect(condition).toContain(
      '@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {974c5e8b-45b9-4653-ba55-5f855dd0fb88, ba92f5b4-2d11-453d-a403-e96b0029c9fe}',
    );
    expect(condition).not.toContain(vendor);
    expect(condition).not.toMatch(/<workload principal/);
  });

  test('outputs each identity by name for the importer', () => {
    expect(tf.output.workload_identities.value).toEqual({
      api: {
        id: '${azurerm_user_assigned_identity.workload_api.id}',
        client_id: '${azurerm_user_assigned_identity.workload_api.client_id}',
        principal_id: '${azurerm_user_assigned_identity.workload_api.principal_id}',
      },
      'web-1': {
        id: '${azurerm_user_assigned_identity.workload_web_1.id}',
        client_id: '${azurerm_user_assigned_identity.workload_web_1.client_id}',
        principal_id: '${azurerm_user_assigned_identity.workload_web_1.principal_id}',
      },
    });
  });

  test('a spec without workload identities has none, no attach role, and no condition', () => {
    const plain = JSON.parse(generateTemplates(modelFromText(VALID_SPEC)).get('azure/module/main.tf.json')!);
    expect(Object.keys(plain.resource.azurerm_user_assigned_identity)).toEqual(['alien']);
    expect(plain.resource.azurerm_role_definition.alien_attach_role).toBeUndefined();
    expect(plain.resource.azurerm_role_assignment.alien_role_assignment.condition).toBeUndefined();
    expect(plain.output.workload_identities).toBeUndefined();
  });
});
