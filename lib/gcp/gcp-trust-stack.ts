import {
  Fn,
  Op,
  TerraformIterator,
  TerraformLocal,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  type ITerraformDependable,
} from 'cdktf';
import type { Construct } from 'constructs';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { CUSTOMER_INTERFACE, templateRelease } from '../model/customer-interface';
import { LimitError } from '../core/limit-error';
import {
  GCP_PROJECT_ID,
  GCP_ROLE_SUFFIX_BYTES,
  NAME_LIMITS,
  RESOURCE_PREFIX,
  gcpRoleId,
  gcpRoleTitle,
  gcpServiceAccountIds,
} from '../core/names';
import type { GcpGrant, GcpTrust, PermissionSet, TrustModel } from '../model/trust-model';
import type { Variable } from '../core/variables';
import { RandomId, RANDOM_PROVIDER } from '../terraform/random-id';
import { terraformSettings, withoutProviderBlocks } from '../terraform/terraform-settings';
import { TimeSleep, TIME_PROVIDER } from '../terraform/time-sleep';
import { prefixVariable, unknownVariable, validate } from '../terraform/variables';
import { tfLiteral, tfTemplate } from '../terraform/terraform-string';
import { gcpForm } from './forms';
import { gcpApisFor } from './required-apis';

/** The google provider versions the bindings (6.50) and this module's arguments are valid for. */
export const GOOGLE_PROVIDER = { source: 'hashicorp/google', version: '~> 6.50' } as const;

/** Every provider the module and its root need. */
export const GCP_PROVIDERS = { google: GOOGLE_PROVIDER, random: RANDOM_PROVIDER, time: TIME_PROVIDER } as const;

/**
 * How long the module waits after its grants before the outputs the vendor reads: Google
 * documents IAM changes as taking effect within about two minutes, sometimes up to seven.
 */
export const GCP_IAM_PROPAGATION = '120s';

/**
 * `<prefix>-<spec name>` where the prefix leaves room for the name, else `<prefix>-<hash>`
 * (gcpServiceAccountIds): decided by Terraform, which knows the prefix.
 */
function serviceAccountId(prefix: TerraformVariable, specName: string): string {
  const ids = gcpServiceAccountIds(specName);
  const hashed = ids.hashed(prefix.stringValue);
  if (ids.readableUpTo < 1) return hashed;
  const length = Fn.lengthOf(prefix.stringValue);
  const fits =
    ids.readableFrom > 1 ? Op.and(Op.gte(length, ids.readableFrom), Op.lte(length, ids.readableUpTo)) : Op.lte(length, ids.readableUpTo);
  return Fn.conditional(fits, ids.readable(prefix.stringValue), hashed);
}

/** The service account's description, within the provider's limit (StringLenBetween(0, 256)). */
function serviceAccountDescription(trust: GcpTrust): string {
  const text = `${gcpForm(trust).usedBy(trust)} to manage the deployment's resources`;
  const bytes = Buffer.byteLength(text);
  if (bytes > NAME_LIMITS.gcpServiceAccountDescriptionBytes) {
    throw new LimitError(
      'gcp',
      'service account description',
      `${bytes} bytes; google_service_account takes at most ${NAME_LIMITS.gcpServiceAccountDescriptionBytes}`,
    );
  }
  return text;
}

export interface GcpTrustStackProps {
  /** The resolved trust spec; must include GCP. */
  readonly model: TrustModel;
}

/** GCP's quota of custom roles in one project. */
export const GCP_CUSTOM_ROLES_PER_PROJECT = 300;

type GcpSet = PermissionSet & { gcp: GcpGrant };

/** The sets, one custom role each, or a LimitError saying by how many they exceed the quota. */
function withinRoleLimit(sets: readonly GcpSet[]): readonly GcpSet[] {
  const over = sets.length - GCP_CUSTOM_ROLES_PER_PROJECT;
  if (over > 0) {
    throw new LimitError(
      'gcp',
      'custom roles per project',
      `${sets.length} permission sets need one custom role each; a project holds ${GCP_CUSTOM_ROLES_PER_PROJECT}, ${over} too many`,
    );
  }
  return sets;
}

/** What the prefix limits on GCP: conditioned sets only; the others reach the whole project. */
function prefixReach(sets: readonly GcpSet[]): string {
  const projectWide = sets.filter((s) => !s.gcp.condition).map((s) => s.id);
  const scoped = 'Grants with an IAM condition reach only resources whose names start with the prefix and a hyphen';
  return projectWide.length === 0
    ? `${scoped}; every granted set has one.`
    : `${scoped}; these sets reach the whole project, because their services ignore IAM conditions: ${projectWide.join(', ')}.`;
}

/** The customer's input naming the runtime service accounts the vendor may deploy with. */
export const RUNTIME_SERVICE_ACCOUNTS_VARIABLE = 'runtime_service_accounts';

/**
 * `iam.serviceAccounts.actAs` cannot be scoped by a condition, so a set that needs it (a Cloud
 * Run revision names the identity it runs as) gets `roles/iam.serviceAccountUser` on each
 * runtime service account the customer lists, and nowhere else. A precondition refuses an
 * account outside the project or not named for the deployment's prefix.
 */
function runtimeServiceAccountUser(
  stack: TerraformStack,
  account: ServiceAccount,
  projectId: TerraformVariable,
  prefix: TerraformVariable,
): ITerraformDependable {
  const accounts = new TerraformVariable(stack, RUNTIME_SERVICE_ACCOUNTS_VARIABLE, {
    type: 'list(string)',
    default: [],
    description:
      "Emails of the deployment's runtime service accounts (named <prefix>-…, in this project) that the vendor's new revisions may run as; empty until the application creates them.",
  });
  const each = TerraformIterator.fromList(accounts.listValue);
  // A domain-scoped project `example.com:proj` has accounts `…@proj.example.com.iam…`.
  // (`gcpServiceAccountDomain`, written as a Terraform expression).
  const domain = new TerraformLocal(stack, 'service_account_domain', Fn.join('.', Fn.reverse(Fn.split(':', projectId.stringValue))));
  return new ServiceAccountIamMember(stack, 'vendor_runtime_service_account_user', {
    forEach: each,
    serviceAccountId: `projects/${projectId.stringValue}/serviceAccounts/${each.value}`,
    role: 'roles/iam.serviceAccountUser',
    member: `serviceAccount:${account.email}`,
    lifecycle: {
      precondition: [
        {
          // Character classes rather than backslashes: `\.` is no valid escape in an HCL string.
          condition: Fn.can(
            Fn.regex(
              Fn.format('^%s-[a-z0-9-]*@%s[.]iam[.]gserviceaccount[.]com$', [prefix.stringValue, Fn.replace(domain.asString, '.', '[.]')]),
              each.value,
            ),
          ),
          errorMessage: 'Each runtime service account must be named for the resource prefix (<prefix>-…) and belong to this project.',
        },
      ],
    },
  });
}

/**
 * The workload service accounts (spec `workloadIdentities`): one per identity, `<prefix>-<name>`
 * where that holds GCP's 6 to 30 characters, else `<prefix>-<hash of the name>` (as the vendor's
 * own account), each bound to a custom role per workload set, with the set's own condition.
 * The customer applies the bindings (google_project_iam_member, additive), so the vendor needs
 * no project IAM; it may only act as these accounts. `terraform destroy` deletes them.
 */
function workloadServiceAccounts(
  stack: TerraformStack,
  model: TrustModel,
  at: {
    projectId: TerraformVariable;
    prefix: TerraformVariable;
    rolePrefix: string;
    suffix: RandomId;
    apis: ITerraformDependable[];
    variable: (name: Variable) => string;
  },
): { name: string; resourceId: string; account: ServiceAccount }[] {
  const workload = model.workloadIdentities!;
  const accounts = workload.identities.map(({ name }) => {
    // Resource names follow the identity's name, so reordering the spec replaces nothing.
    const resourceId = name.replace(/-/g, '_');
    const account = new ServiceAccount(stack, `workload_${resourceId}`, {
      project: at.projectId.stringValue,
      accountId: serviceAccountId(at.prefix, name),
      displayName: tfLiteral(`${model.name} ${name} (workload)`.slice(0, NAME_LIMITS.gcpServiceAccountDisplayName)),
      description: tfLiteral(`Runs ${model.name}'s ${name}; created by your configuration, never by the vendor`),
      dependsOn: at.apis,
    });
    return { name, resourceId, account };
  });
  const sets = workload.permissionSets.filter((s): s is GcpSet => s.gcp !== undefined);
  for (const set of sets) {
    const longest = gcpRoleId('p'.repeat(RESOURCE_PREFIX.maxLength), 'f'.repeat(GCP_ROLE_SUFFIX_BYTES * 2), `workload-${set.id}`);
    if (longest.length > NAME_LIMITS.gcpRoleId.max)
      throw new LimitError(
        'gcp',
        'custom role id',
        `${longest.length} characters for workloadIdentities.permissions "${set.id}"; GCP takes ${NAME_LIMITS.gcpRoleId.max}: use a set with a shorter id`,
      );
    const id = `workload_${set.id.replace(/[/-]/g, '_')}`;
    const role = new ProjectIamCustomRole(stack, id, {
      project: at.projectId.stringValue,
      // Apart from the vendor's role for the same set, which may be granted too.
      roleId: gcpRoleId(at.rolePrefix, at.suffix.hex, `workload-${set.id}`),
      title: gcpRoleTitle(at.prefix.stringValue, `workload ${set.id}`),
      description: tfLiteral(set.description),
      permissions: [...set.gcp.permissions].sort(),
      dependsOn: at.apis,
    });
    const condition = set.gcp.condition;
    for (const { resourceId, account } of accounts) {
      new ProjectIamMember(stack, `${id}_${resourceId}`, {
        project: at.projectId.stringValue,
        role: role.name,
        member: `serviceAccount:${account.email}`,
        condition: condition && {
          title: tfTemplate(condition.title, at.variable),
          description: condition.description && tfTemplate(condition.description, at.variable),
          expression: tfTemplate(condition.expression, at.variable),
        },
      });
    }
  }
  return accounts;
}

/**
 * The customer's GCP module: a service account the vendor's service account may impersonate
 * (token creator on that account only), with one custom role per permission set bound to it.
 * Only additive IAM resources (`_member`), so the customer's other grants are never touched.
 * No provider block: the root beside it (or the customer's own root) configures the provider.
 */
export class GcpTrustStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: GcpTrustStackProps) {
    super(scope, id);
    const { model } = props;
    if (!model.gcp) throw new Error('GcpTrustStack needs a model that includes GCP');
    const sets = withinRoleLimit(model.permissionSets.filter((s): s is GcpSet => s.gcp !== undefined));

    const projectId = new TerraformVariable(this, CUSTOMER_INTERFACE.gcp.inputs.project, {
      type: 'string',
      description: 'The id of the project the vendor manages resources in.',
    });
    validate(projectId, GCP_PROJECT_ID.pattern, `The project_id must be ${GCP_PROJECT_ID.description}.`);
    const prefix = prefixVariable(this, prefixReach(sets));
    new GoogleProvider(this, 'google', {});
    withoutProviderBlocks(this);
    terraformSettings(this, GCP_PROVIDERS);

    const trust = model.gcp;
    const apis = gcpApisFor(trust).map(
      (api) =>
        new ProjectService(this, `api_${api.split('.')[0]}`, { project: projectId.stringValue, service: api, disableOnDestroy: false }),
    );

    const account = new ServiceAccount(this, 'alien', {
      project: projectId.stringValue,
      accountId: serviceAccountId(prefix, model.name),
      displayName: tfLiteral(`${model.name} (managed by the vendor)`),
      description: tfLiteral(serviceAccountDescription(trust)),
      dependsOn: apis,
    });

    // A deleted custom role's id stays reserved for 37 days and the provider undeletes only
    // within 7, so a fixed id could not be re-created in between. A suffix chosen at create
    // and kept in state makes every apply after a destroy use fresh ids.
    const suffix = new RandomId(this, 'role_suffix', { byteLength: GCP_ROLE_SUFFIX_BYTES });
    // Since 2.0 the prefix has no hyphens and this is the identity; the expression stays as 1.x
    // wrote it, so that upgrade checks, which compare expressions, see the same role ids.
    const rolePrefix = Fn.replace(prefix.stringValue, '-', '_');
    const variables: Partial<Record<Variable, string>> = { prefix: prefix.stringValue, project: projectId.stringValue };
    const variable = (name: Variable) => variables[name] ?? unknownVariable(name, 'gcp');
    const grants: ITerraformDependable[] = [];
    for (const set of sets) {
      const id = set.id.replace(/[/-]/g, '_');
      const role = new ProjectIamCustomRole(this, id, {
        project: projectId.stringValue,
        roleId: gcpRoleId(rolePrefix, suffix.hex, set.id),
        title: gcpRoleTitle(prefix.stringValue, set.id),
        description: tfLiteral(set.description),
        permissions: [...set.gcp.permissions].sort(),
        dependsOn: apis,
      });
      const condition = set.gcp.condition;
      const member = new ProjectIamMember(this, `${id}_member`, {
        project: projectId.stringValue,
        role: role.name,
        member: `serviceAccount:${account.email}`,
        condition: condition && {
          title: tfTemplate(condition.title, variable),
          description: condition.description && tfTemplate(condition.description, variable),
          expression: tfTemplate(condition.expression, variable),
        },
      });
      grants.push(member);
    }

    grants.push(...gcpForm(trust).terraform(this, trust, { account, suffix, projectId, apis }));
    const actsAs = sets.some((set) => set.gcp.actAsRuntimeServiceAccounts);
    const workloads = model.workloadIdentities
      ? workloadServiceAccounts(this, model, { projectId, prefix, rolePrefix, suffix, apis, variable })
      : undefined;
    if (workloads) {
      // The runtime service accounts are the template's own: actAs on exactly those, one by one.
      if (actsAs) {
        for (const { resourceId, account: workload } of workloads) {
          grants.push(
            new ServiceAccountIamMember(this, `vendor_acts_as_${resourceId}`, {
              serviceAccountId: workload.name,
              role: 'roles/iam.serviceAccountUser',
              member: `serviceAccount:${account.email}`,
            }),
          );
        }
      }
      new TerraformOutput(this, CUSTOMER_INTERFACE.gcp.outputs.workloadServiceAccounts, {
        value: Object.fromEntries(workloads.map(({ name, account: workload }) => [name, workload.email])),
        description: "The workload service accounts' emails by name: send them to the vendor.",
      });
    } else if (actsAs) grants.push(runtimeServiceAccountUser(this, account, projectId, prefix));

    // The vendor starts calling as soon as it has the email: without the wait its first calls
    // race IAM propagation and fail with PERMISSION_DENIED.
    const propagated = new TimeSleep(this, 'iam_propagation', { createDuration: GCP_IAM_PROPAGATION, dependsOn: grants });
    const email = new TerraformOutput(this, CUSTOMER_INTERFACE.gcp.outputs.serviceAccountEmail, {
      value: account.email,
      description: 'Send this to the vendor: the service account it impersonates.',
    });
    // cdktf writes an output's depends_on as `${…}`, which Terraform refuses there ("a single
    // static variable reference is required"): the bare address, as resources get it.
    email.addOverride('depends_on', [`${propagated.terraformResourceType}.${propagated.friendlyUniqueId}`]);
    // What the vendor's importer reads besides the email.
    const outputs = CUSTOMER_INTERFACE.gcp.outputs;
    new TerraformOutput(this, outputs.serviceAccountUniqueId, {
      value: account.uniqueId,
      description: "The service account's unique id, which stays the same if it is deleted and one of the same name created.",
    });
    new TerraformOutput(this, outputs.project, { value: projectId.stringValue, description: 'The project the service account is in.' });
    // The number names what the id cannot, such as the Cloud Storage service agent
    // (service-<number>@gs-project-accounts…). Read here by the customer's credentials, so the
    // vendor needs no resourcemanager.projects.get, which no condition on its roles could scope.
    const project = new DataGoogleProject(this, 'this', { projectId: projectId.stringValue });
    new TerraformOutput(this, outputs.projectNumber, {
      value: project.number,
      description: "The project's number: the vendor names the project's Cloud Storage service agent with it.",
    });
    new TerraformOutput(this, outputs.template, {
      value: templateRelease(model),
      description: 'The template name and version this configuration is.',
    });
  }
}
