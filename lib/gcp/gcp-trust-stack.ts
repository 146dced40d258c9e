import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { CUSTOMER_INTERFACE } from '../model/customer-interface';
import { LimitError } from '../model/limit-error';
import { gcpRoleId, gcpRoleTitle, identityName } from '../model/names';
import type { GcpGrant, PermissionSet, TrustModel } from '../model/trust-model';
import type { Variable } from '../spec/variables';
import { prefixVariable, requiredProvider, withoutBackend, unknownVariable } from '../terraform/variables';
import { tfLiteral, tfTemplate } from '../terraform/terraform-string';

/** Major version of the google provider the prebuilt bindings were generated for (6.50). */
export const GOOGLE_PROVIDER_VERSION = '~> 6.50';

export interface GcpTrustStackProps {
  /** The resolved trust spec; must include GCP. */
  readonly model: TrustModel;
}

/** GCP's quota of custom roles in one project. */
export const GCP_CUSTOM_ROLES_PER_PROJECT = 300;

/** The sets, one custom role each, or a LimitError saying by how many they exceed the quota. */
function withinRoleLimit<T extends PermissionSet>(sets: readonly T[]): readonly T[] {
  const over = sets.length - GCP_CUSTOM_ROLES_PER_PROJECT;
  if (over > 0) {
    throw new LimitError('gcp', 'custom roles per project', `${sets.length} permission sets need one custom role each; a project holds ${GCP_CUSTOM_ROLES_PER_PROJECT}, ${over} too many`);
  }
  return sets;
}

/**
 * The customer's GCP module: a service account the vendor's service account may impersonate
 * (token creator on that account only), with one custom role per permission set bound to it.
 * Only additive IAM resources (`_member`), so the customer's other grants are never touched.
 */
export class GcpTrustStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: GcpTrustStackProps) {
    super(scope, id);
    const { model } = props;
    if (!model.gcp) throw new Error('GcpTrustStack needs a model that includes GCP');

    const projectId = new TerraformVariable(this, CUSTOMER_INTERFACE.gcp.inputs.project, { type: 'string', description: 'The project the vendor manages resources in.' });
    const prefix = prefixVariable(this);
    new GoogleProvider(this, 'google', { project: projectId.stringValue });
    requiredProvider(this, 'google', GOOGLE_PROVIDER_VERSION);
    withoutBackend(this);

    const account = new ServiceAccount(this, 'alien', {
      project: projectId.stringValue,
      accountId: identityName(prefix.stringValue),
      displayName: tfLiteral(`${model.name} (managed by the vendor)`),
      description: tfLiteral(`Impersonated by ${model.gcp.managingServiceAccount} to manage resources prefixed with the resource prefix`),
    });

    // Custom role ids allow no hyphens; the prefix allows no underscores, so the mapping is one to one.
    const rolePrefix = Fn.replace(prefix.stringValue, '-', '_');
    const variables: Partial<Record<Variable, string>> = { prefix: prefix.stringValue, project: projectId.stringValue };
    const variable = (name: Variable) => variables[name] ?? unknownVariable(name, 'gcp');
    for (const set of withinRoleLimit(model.permissionSets.filter((s): s is PermissionSet & { gcp: GcpGrant } => s.gcp !== undefined))) {
      const id = set.id.replace(/[/-]/g, '_');
      const role = new ProjectIamCustomRole(this, id, {
        project: projectId.stringValue,
        roleId: gcpRoleId(rolePrefix, set.id),
        title: gcpRoleTitle(prefix.stringValue, set.id),
        description: tfLiteral(set.description),
        permissions: [...set.gcp.permissions].sort(),
      });
      const condition = set.gcp.condition;
      new ProjectIamMember(this, `${id}_member`, {
        project: projectId.stringValue,
        role: role.name,
        member: `serviceAccount:${account.email}`,
        condition: condition && {
          title: tfTemplate(condition.title, variable),
          description: condition.description && tfTemplate(condition.description, variable),
          expression: tfTemplate(condition.expression, variable),
        },
      });
    }

    new ServiceAccountIamMember(this, 'vendor_token_creator', {
      serviceAccountId: account.name,
      role: 'roles/iam.serviceAccountTokenCreator',
      member: `serviceAccount:${model.gcp.managingServiceAccount}`,
    });

    new TerraformOutput(this, CUSTOMER_INTERFACE.gcp.outputs.serviceAccountEmail, {
      value: account.email,
      description: 'Send this to the vendor: the service account it impersonates.',
    });
  }
}
