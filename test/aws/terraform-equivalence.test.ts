import { synthAws } from '../../lib/aws/synth-aws';
import { builtInCatalog } from '../../lib/catalog/catalog';
import { awsBoundaryName, awsProductTag } from '../../lib/model/names';
import type { TrustModel } from '../../lib/model/trust-model';
import type { AwsStatementSpec } from '../../lib/input/permission-set-schema';
import { synthAwsTerraform } from '../../lib/terraform/aws/synth-aws-terraform';
import { TERRAFORM_FILES } from '../../lib/terraform/synth-terraform';
import { ACCOUNT, BOUNDARY, request } from '../../lib/rules/aws/requests';
import { FIXTURE_NAMES, modelFromText, modelOf, VALID_SPEC, wholeCatalogSpec } from '../support/fixtures';
import { allows, type AwsRequest } from '../../lib/rules/aws/iam-evaluator';

/**
 * One model, two renderers: the CloudFormation template and the Terraform module grant the same
 * statements. Both are rendered for one concrete deployment (prefix, account, region), their
 * policies read back from the JSON each writes, and every request of the catalog's `operations`
 * (on the deployment's own resources, on another deployment's, and role writes without the
 * boundary) gets the same decision from both.
 */

const PREFIX = 'acme';
const OTHER_PREFIX = 'acmeprod';
const REGION = 'eu-west-1';
const EXTERNAL_ID = 'ext-123';
const CUSTOMER_ID = 'acme-corp';

const MODELS: Record<string, () => TrustModel> = {
  VALID_SPEC: () => modelFromText(VALID_SPEC, ['aws']),
  'the whole catalog': () => modelFromText(wholeCatalogSpec(), ['aws']),
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
  readonly boundary?: Rendered;
}

function boundaryArn(model: TrustModel, prefix: string): string {
  return `arn:aws:iam::${ACCOUNT}:policy/alientrust/${awsBoundaryName(prefix, awsProductTag(model.name), REGION)}`;
}

/** The CloudFormation template with its parameters and pseudo parameters given values. */
function cloudFormationForm(model: TrustModel, prefix: string): Form {
  const template: any = synthAws(model);
  const refs: Record<string, string> = {
    ResourcePrefix: prefix,
    'AWS::Partition': 'aws',
    'AWS::Region': REGION,
    'AWS::AccountId': ACCOUNT,
    WorkloadBoundary: boundaryArn(model, prefix),
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
  return {
    roleName: resolve(role.Properties.RoleName),
    trust: resolve(role.Properties.AssumeRolePolicyDocument),
    policies: resources.filter((r) => r.Type === 'AWS::IAM::ManagedPolicy' && r.Properties.Roles).map(policy),
    boundary: template.Resources.WorkloadBoundary && policy(template.Resources.WorkloadBoundary),
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
    'aws_iam_policy.workload_boundary.arn': boundaryArn(model, prefix),
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
  const attached = Object.values<any>(module.resource.aws_iam_role_policy_attachment ?? {}).map(
    (a) => /^\$\{aws_iam_policy\.(\w+)\.arn\}$/.exec(a.policy_arn)![1],
  );
  const role = module.resource.aws_iam_role.trust;
  return {
    roleName: resolve(role.name),
    trust: JSON.parse(resolve(role.assume_role_policy)),
    policies: attached.map((name) => policy(policies[name])),
    boundary: policies.workload_boundary && policy(policies.workload_boundary),
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

  test('name the role, its policies and the boundary alike, with the same descriptions', () => {
    const names = (f: Form) => ({
      role: f.roleName,
      policies: f.policies.map((p) => [p.name, p.description]),
      boundary: f.boundary && [f.boundary.name, f.boundary.description],
    });
    expect(names(forms.terraform)).toEqual(names(forms.cloudFormation));
  });

  test('hold the same trust policy', () => {
    expect(forms.terraform.trust).toEqual(forms.cloudFormation.trust);
  });

  test('hold the same statements, policy by policy, and the same boundary', () => {
    const perPolicy = (f: Form) => f.policies.map((p) => statements([p]).map(normalized));
    expect(perPolicy(forms.terraform)).toEqual(perPolicy(forms.cloudFormation));
    const boundary = (f: Form) => f.boundary && statements([f.boundary]).map(normalized);
    expect(boundary(forms.terraform)).toEqual(boundary(forms.cloudFormation));
  });

  test("give every catalog request the same decision: own resources, another deployment's, and role writes without the boundary", () => {
    const boundary = boundaryArn(model, PREFIX);
    const withBoundary = (r: AwsRequest): AwsRequest => ({
      ...r,
      context: Object.fromEntries(Object.entries(r.context).map(([k, v]) => [k, v === BOUNDARY ? boundary : v])),
    });
    const requests: [string, AwsRequest][] = [];
    for (const set of model.permissionSets) {
      for (const op of catalog.get(set.id)?.operations ?? []) {
        for (const text of op.aws ?? []) {
          requests.push([`${set.id}: ${text}`, withBoundary(request(text, PREFIX))]);
          if (text.includes('${prefix}'))
            requests.push([`${set.id}: ${text} (another deployment)`, withBoundary(request(text, OTHER_PREFIX))]);
          if (text.includes('iam:PermissionsBoundary'))
            requests.push([`${set.id}: ${text} (unbounded)`, request(text.replace(/ with iam:PermissionsBoundary=\S+/, ''), PREFIX)]);
        }
      }
    }
    const cfn = statements(forms.cloudFormation.policies);
    const tf = statements(forms.terraform.policies);
    const decisions = (s: AwsStatementSpec[]) => requests.map(([what, r]) => [what, allows(s, r)]);
    expect(decisions(tf)).toEqual(decisions(cfn));
    // The requests are the calls the sets exist for: on the deployment's own resources, granted.
    const own = requests.filter(([what]) => !/\((another deployment|unbounded)\)$/.test(what));
    expect(own.filter(([, r]) => !allows(cfn, r)).map(([what]) => what)).toEqual([]);
    if (model.permissionSets.some((s) => catalog.get(s.id)?.operations?.length)) expect(own.length).toBeGreaterThan(0);
  });
});
