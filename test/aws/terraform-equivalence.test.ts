import { synthAws } from '../../lib/aws/synth-aws';
import { builtInCatalog } from '../../lib/catalog/catalog';
import type { TrustModel } from '../../lib/model/trust-model';
import type { AwsStatementSpec } from '../../lib/catalog/permission-set-schema';
import { synthAwsTerraform } from '../../lib/aws/terraform/synth-aws-terraform';
import { TERRAFORM_FILES } from '../../lib/terraform/synth-terraform';
import { ACCOUNT, request } from '../../lib/rules/aws/requests';
import { FIXTURE_NAMES, modelFromText, modelOf, VALID_SPEC, wholeCatalogSpec } from '../support/fixtures';
import { allows, type AwsRequest } from '../../lib/rules/aws/iam-evaluator';

/**
 * One model, two renderers: the CloudFormation template and the Terraform module grant the same
 * statements. Both are rendered for one concrete deployment (prefix, account, region), their
 * policies read back from the JSON each writes, and every request of the catalog's `operations`
 * (on the deployment's own resources and on another deployment's) gets the same decision from
 * both. The workload roles (spec workloadIdentities) are compared the same way: names, paths,
 * trust, tags, instance profiles and policies.
 */

const PREFIX = 'acme';
const OTHER_PREFIX = 'acmeprod';
const REGION = 'eu-west-1';
const EXTERNAL_ID = 'ext-123';
const CUSTOMER_ID = 'acme-corp';

const MODELS: Record<string, () => TrustModel> = {
  VALID_SPEC: () => modelFromText(VALID_SPEC, ['aws']),
  'the whole catalog': () => modelFromText(wholeCatalogSpec(), ['aws']),
  'workload identities': () => modelFromText(`${VALID_SPEC}${WORKLOAD}`, ['aws']),
  ...Object.fromEntries([...FIXTURE_NAMES, 'per-customer', 'oidc'].map((name) => [`fixture ${name}`, () => modelOf(name, ['aws'])])),
};

/** One policy: its name, description and document, rendered for the deployment. */
interface Rendered {
  readonly name: string;
  readonly description?: string;
  readonly document: any;
}

interface Form {
  readonly roleName: string;
  readonly trust: any;
  /** The policies attached to the role, in order. */
  readonly policies: readonly Rendered[];
  /** The workload roles, by name: path, trust, tags, instance profile, and the policies attached. */
  readonly workload: Record<string, { path: string; trust: any; tags: Record<string, string>; profile?: [string, string] }>;
  readonly workloadPolicies: readonly Rendered[];
}

/** Two identities, one EC2 runs as (an instance profile) and one for Lambda and ECS tasks. */
const WORKLOAD =
  'workloadIdentities: { identities: [{ name: api, services: [lambda, ecs-tasks] }, { name: nodes, services: [ec2] }], permissions: [storage/data-write, queue/data-write] }\n';

/** The CloudFormation template with its parameters and pseudo parameters given values. */
function cloudFormationForm(model: TrustModel, prefix: string): Form {
  const template: any = synthAws(model);
  const refs: Record<string, string> = {
    ResourcePrefix: prefix,
    'AWS::Partition': 'aws',
    'AWS::Region': REGION,
    'AWS::AccountId': ACCOUNT,
    ExternalId: EXTERNAL_ID,
    CustomerId: CUSTOMER_ID,
    OidcProvider: `arn:aws:iam::${ACCOUNT}:oidc-provider/created`,
  };
  const resolve = (value: any): any => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value === null || typeof value !== 'object') return value;
    if ('Fn::Sub' in value)
      return (value['Fn::Sub'] as string).replace(/\$\{([^}]+)\}/g, (_, name: string) => refs[name] ?? fail(`no value for \${${name}}`));
    if ('Ref' in value) return refs[value.Ref] ?? fail(`no value for Ref ${value.Ref}`);
    // The OIDC form with the provider created (OidcProviderArn left empty).
    if ('Fn::If' in value) return resolve(value['Fn::If'][1]);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  };
  const resources = Object.values<any>(template.Resources);
  const policy = (r: any): Rendered => ({
    name: resolve(r.Properties.ManagedPolicyName),
    description: r.Properties.Description,
    document: resolve(r.Properties.PolicyDocument),
  });
  const role = template.Resources.TrustRole;
  const onTrustRole = (r: any) => r.Type === 'AWS::IAM::ManagedPolicy' && JSON.stringify(r.Properties.Roles) === '[{"Ref":"TrustRole"}]';
  const byId = Object.entries<any>(template.Resources);
  const workload = Object.fromEntries(
    byId
      .filter(([id]) => id.startsWith('WorkloadRole'))
      .map(([id, r]) => {
        const profile = byId.find(([, p]) => p.Type === 'AWS::IAM::InstanceProfile' && p.Properties.Roles[0].Ref === id)?.[1];
        return [
          resolve(r.Properties.RoleName),
          {
            path: resolve(r.Properties.Path),
            trust: resolve(r.Properties.AssumeRolePolicyDocument),
            tags: Object.fromEntries(r.Properties.Tags.map((t: any) => [t.Key, resolve(t.Value)])),
            ...(profile && { profile: [resolve(profile.Properties.InstanceProfileName), resolve(profile.Properties.Path)] }),
          },
        ];
      }),
  );
  return {
    roleName: resolve(role.Properties.RoleName),
    trust: resolve(role.Properties.AssumeRolePolicyDocument),
    policies: resources.filter(onTrustRole).map(policy),
    workload,
    workloadPolicies: resources.filter((r) => r.Type === 'AWS::IAM::ManagedPolicy' && !onTrustRole(r)).map(policy),
  };
}

/** The Terraform module with its variables and data sources given the same values. */
function terraformForm(model: TrustModel, prefix: string): Form {
  const module: any = synthAwsTerraform(model)[TERRAFORM_FILES.module];
  const refs: Record<string, string> = {
    'var.resource_prefix': prefix,
    'data.aws_partition.current.partition': 'aws',
    'data.aws_region.current.name': REGION,
    'data.aws_caller_identity.current.account_id': ACCOUNT,
    'var.external_id': EXTERNAL_ID,
    'var.customer_id': CUSTOMER_ID,
    'local.vendor_oidc_provider_arn': `arn:aws:iam::${ACCOUNT}:oidc-provider/created`,
  };
  // Terraform's own unescaping of `$${` and `%%{` after the references are filled in.
  const resolve = (text: string) =>
    text
      .replace(/(?<!\$)\$\{([^}]+)\}/g, (_, ref: string) => refs[ref] ?? fail(`no value for \${${ref}}`))
      .replace(/\$\$\{/g, '${')
      .replace(/%%\{/g, '%{');
  const policies = module.resource.aws_iam_policy as Record<string, any>;
  const policy = (p: any): Rendered => ({ name: resolve(p.name), description: p.description, document: JSON.parse(resolve(p.policy)) });
  const attachments = Object.values<any>(module.resource.aws_iam_role_policy_attachment ?? {});
  const attachedTo = (role: string) => [
    ...new Set(
      attachments
        .filter((a) => a.role === `\${aws_iam_role.${role}.name}`)
        .map((a) => /^\$\{aws_iam_policy\.(\w+)\.arn\}$/.exec(a.policy_arn)![1]),
    ),
  ];
  const role = module.resource.aws_iam_role.trust;
  const roles = Object.entries<any>(module.resource.aws_iam_role).filter(([id]) => id !== 'trust');
  const profiles = Object.values<any>(module.resource.aws_iam_instance_profile ?? {});
  const workload = Object.fromEntries(
    roles.map(([id, r]) => {
      const profile = profiles.find((p) => p.role === `\${aws_iam_role.${id}.name}`);
      return [
        resolve(r.name),
        {
          path: resolve(r.path),
          trust: JSON.parse(resolve(r.assume_role_policy)),
          tags: Object.fromEntries(Object.entries<string>(r.tags).map(([k, v]) => [k, resolve(v)])),
          ...(profile && { profile: [resolve(profile.name), resolve(profile.path)] }),
        },
      ];
    }),
  );
  const workloadPolicies = roles.length > 0 ? attachedTo(roles[0][0]) : [];
  for (const [id] of roles) expect(attachedTo(id)).toEqual(workloadPolicies);
  return {
    roleName: resolve(role.name),
    trust: JSON.parse(resolve(role.assume_role_policy)),
    policies: attachedTo('trust').map((name) => policy(policies[name])),
    workload,
    workloadPolicies: workloadPolicies.map((name) => policy(policies[name])),
  };
}

function fail(message: string): never {
  throw new Error(message);
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v as string]);

/** A document's statements in the evaluator's shape, CloudFormation's single values as lists. */
function statements(policies: readonly Rendered[]): AwsStatementSpec[] {
  return policies.flatMap((p) =>
    list(p.document.Statement).map((s: any) => {
      expect(s.Effect).toBe('Allow');
      return { actions: list(s.Action), resources: list(s.Resource), ...(s.Condition && { conditions: s.Condition }) } as AwsStatementSpec;
    }),
  );
}

/** Condition values as lists, so that `"a"` and `["a"]` compare equal. */
function normalized(statement: AwsStatementSpec): unknown {
  const conditions = Object.fromEntries(
    Object.entries(statement.conditions ?? {}).map(([op, entries]) => [
      op,
      Object.fromEntries(Object.entries(entries as object).map(([k, v]) => [k, typeof v === 'boolean' ? [String(v)] : list(v)])),
    ]),
  );
  return { actions: [...statement.actions].sort(), resources: [...statement.resources].sort(), conditions };
}

const catalog = new Map(builtInCatalog().sets.map((s) => [s.id, s]));

describe.each(Object.entries(MODELS))('%s: CloudFormation and Terraform', (_, modelFor) => {
  const model = modelFor();
  const forms = { cloudFormation: cloudFormationForm(model, PREFIX), terraform: terraformForm(model, PREFIX) };

  test('name the role, its policies and the workload roles alike, with the same descriptions', () => {
    const names = (f: Form) => ({
      role: f.roleName,
      policies: f.policies.map((p) => [p.name, p.description]),
      workloadPolicies: f.workloadPolicies.map((p) => [p.name, p.description]),
    });
    expect(names(forms.terraform)).toEqual(names(forms.cloudFormation));
  });

  test('hold the same trust policy, and the same workload roles, paths, trust, tags and instance profiles', () => {
    expect(forms.terraform.trust).toEqual(forms.cloudFormation.trust);
    expect(forms.terraform.workload).toEqual(forms.cloudFormation.workload);
    expect(Object.keys(forms.cloudFormation.workload)).toHaveLength(model.workloadIdentities?.identities.length ?? 0);
  });

  test('hold the same statements, policy by policy, on the role and on the workload roles', () => {
    const perPolicy = (policies: readonly Rendered[]) => policies.map((p) => statements([p]).map(normalized));
    expect(perPolicy(forms.terraform.policies)).toEqual(perPolicy(forms.cloudFormation.policies));
    expect(perPolicy(forms.terraform.workloadPolicies)).toEqual(perPolicy(forms.cloudFormation.workloadPolicies));
  });

  test("give every catalog request the same decision: own resources and another deployment's", () => {
    const requests: [string, AwsRequest][] = [];
    for (const set of model.permissionSets) {
      for (const op of catalog.get(set.id)?.operations ?? []) {
        for (const text of op.aws ?? []) {
          requests.push([`${set.id}: ${text}`, request(text, PREFIX)]);
          if (text.includes('${prefix}')) requests.push([`${set.id}: ${text} (another deployment)`, request(text, OTHER_PREFIX)]);
        }
      }
    }
    const cfn = statements(forms.cloudFormation.policies);
    const tf = statements(forms.terraform.policies);
    const decisions = (s: AwsStatementSpec[]) => requests.map(([what, r]) => [what, allows(s, r)]);
    expect(decisions(tf)).toEqual(decisions(cfn));
    // The requests are the calls the sets exist for: on the deployment's own resources, granted.
    const own = requests.filter(([what]) => !/\(another deployment\)$/.test(what));
    expect(own.filter(([, r]) => !allows(cfn, r)).map(([what]) => what)).toEqual([]);
    if (model.permissionSets.some((s) => catalog.get(s.id)?.operations?.length)) expect(own.length).toBeGreaterThan(0);
  });
});
