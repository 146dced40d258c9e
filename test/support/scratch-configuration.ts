/**
 * A provider-free copy of a generated Terraform root and module, for `terraform apply` on a
 * machine that cannot install providers. Variables (with their validations), locals and
 * outputs are kept as written; every resource and data source becomes a built-in
 * `terraform_data` whose input is the resource's arguments as Terraform evaluates them, with
 * the same count, for_each, depends_on and preconditions. The attributes a provider would
 * compute (an email, an id) are stand-ins from COMPUTED below, written as Terraform expressions
 * over the resource's own arguments, so that every expression that reads them is evaluated too.
 *
 * After apply, `terraform show -json` holds every argument of every resource instance as
 * Terraform computed it: what the provider would receive.
 */

import { AWS_LONGEST_REGION } from '../../lib/core/names';

type Json = any;

/** A resource type's computed attributes, as HCL templates over `A` (the resource's evaluated arguments). */
const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
/** The customer's AWS account in the stand-ins. */
export const AWS_ACCOUNT = '123456789012';
const COMPUTED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // The project of a project_id: its number (what the workload identity pool's name carries too).
  'data.google_project': { number: '123456789012', id: 'projects/${A.project_id}' },
  google_project_service: { id: '${A.project}/${A.service}' },
  google_service_account: {
    email: '${A.account_id}@${join(".", reverse(split(":", A.project)))}.iam.gserviceaccount.com',
    name: 'projects/${A.project}/serviceAccounts/${A.account_id}@${join(".", reverse(split(":", A.project)))}.iam.gserviceaccount.com',
    unique_id: '104523948572094857203',
    member: 'serviceAccount:${A.account_id}@${join(".", reverse(split(":", A.project)))}.iam.gserviceaccount.com',
  },
  google_project_iam_custom_role: { name: 'projects/${A.project}/roles/${A.role_id}', id: 'projects/${A.project}/roles/${A.role_id}' },
  google_project_iam_member: { id: '${A.project}/${A.role}/${A.member}' },
  google_service_account_iam_member: { id: '${A.service_account_id}/${A.role}/${A.member}' },
  google_iam_workload_identity_pool: {
    name: 'projects/123456789012/locations/global/workloadIdentityPools/${A.workload_identity_pool_id}',
    id: 'projects/${A.project}/locations/global/workloadIdentityPools/${A.workload_identity_pool_id}',
  },
  google_iam_workload_identity_pool_provider: {
    name: 'projects/123456789012/locations/global/workloadIdentityPools/${A.workload_identity_pool_id}/providers/${A.workload_identity_pool_provider_id}',
  },
  random_id: { hex: '${substr("9f3a61c0d2b74e85", 0, A.byte_length * 2)}', id: 'nzph' },
  time_sleep: { id: '2026-01-01T00:00:00Z' },
  'data.azurerm_resource_group': { id: `${SUBSCRIPTION}/resourceGroups/\${A.name}`, location: 'westeurope' },
  azurerm_user_assigned_identity: {
    id: `${SUBSCRIPTION}/resourceGroups/\${A.resource_group_name}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/\${A.name}`,
    principal_id: '11111111-1111-1111-1111-111111111111',
    client_id: '22222222-2222-2222-2222-222222222222',
    tenant_id: '33333333-3333-3333-3333-333333333333',
  },
  azurerm_role_definition: {
    id: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/44444444-4444-4444-4444-444444444444|\${A.scope}`,
    role_definition_id: '44444444-4444-4444-4444-444444444444',
    role_definition_resource_id: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/44444444-4444-4444-4444-444444444444`,
  },
  azurerm_role_assignment: { id: '${A.scope}/providers/Microsoft.Authorization/roleAssignments/55555555-5555-5555-5555-555555555555' },
  azurerm_federated_identity_credential: { id: '${A.user_assigned_identity_id}/federatedIdentityCredentials/${A.name}' },
  // The region stand-in is the longest AWS allows for, so that every name is checked at its worst.
  'data.aws_region': { name: AWS_LONGEST_REGION, region: AWS_LONGEST_REGION, id: AWS_LONGEST_REGION },
  'data.aws_partition': { partition: 'aws', dns_suffix: 'amazonaws.com', id: 'aws' },
  'data.aws_caller_identity': {
    account_id: AWS_ACCOUNT,
    arn: `arn:aws:iam::${AWS_ACCOUNT}:user/customer`,
    user_id: 'AIDACKCEVSQ6C2EXAMPLE',
    id: AWS_ACCOUNT,
  },
  aws_iam_role: {
    arn: `arn:aws:iam::${AWS_ACCOUNT}:role\${A.path}\${A.name}`,
    id: '${A.name}',
    name: '${A.name}',
    unique_id: 'AROADBQP57FF2AEXAMPLE',
  },
  aws_iam_policy: {
    arn: `arn:aws:iam::${AWS_ACCOUNT}:policy\${A.path}\${A.name}`,
    id: `arn:aws:iam::${AWS_ACCOUNT}:policy\${A.path}\${A.name}`,
    policy_id: 'ANPAJ2UCCR6DPCEXAMPLE',
  },
  aws_iam_role_policy_attachment: { id: '${A.role}-20260101000000000000000001' },
  aws_iam_instance_profile: {
    arn: `arn:aws:iam::${AWS_ACCOUNT}:instance-profile\${A.path}\${A.name}`,
    id: '${A.name}',
    unique_id: 'AIPAJQABLZS4A3QDU576Q',
  },
  aws_iam_openid_connect_provider: {
    arn: `arn:aws:iam::${AWS_ACCOUNT}:oidc-provider/\${trimprefix(A.url, "https://")}`,
    id: `arn:aws:iam::${AWS_ACCOUNT}:oidc-provider/\${trimprefix(A.url, "https://")}`,
  },
};

const META = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider']);

/** The scratch resource that stands for `type.name` (or `data.type.name`). */
export function scratchName(address: string): string {
  return address.replace(/\./g, '__');
}

/** Rewrites the references to resources and data sources inside every `${…}` of a string. */
function rewrite(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf('${', i);
    if (start < 0 || value.startsWith('$${', start - 1)) {
      if (start < 0) return out + value.slice(i);
      out += value.slice(i, start + 2);
      i = start + 2;
      continue;
    }
    const end = closingBrace(value, start + 2);
    out += value.slice(i, start + 2) + rewriteExpression(value.slice(start + 2, end)) + '}';
    i = end + 1;
  }
  return out;
}

function closingBrace(value: string, from: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new Error(`unclosed interpolation in ${value}`);
}

/** A reference outside string literals: `[data.]<type>.<name>` of a provider's resource. */
const REFERENCE = /(?<![\w.])(data\.)?((?:google|azurerm|random|time|aws)_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

function rewriteExpression(expression: string): string {
  // Only outside the expression's own string literals (quoted parts are kept as they are).
  return expression
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(REFERENCE, (_, data, type, name) => `local.${scratchName(`${data ?? ''}${type}.${name}`)}`),
    )
    .join('');
}

function rewriteAll(value: Json): Json {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map(rewriteAll);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteAll(v)]));
}

/** The output of the scratch module (and root) that holds every resource's evaluated arguments. */
export const EVALUATED_OUTPUT = 'scratch_evaluated_arguments';

interface Scratch {
  readonly locals: Record<string, Json>;
  readonly resources: Record<string, Json>;
  /** Stand-in name → the expression of its evaluated arguments, of one instance or, for a repeated resource, by instance key. */
  readonly single: Record<string, string>;
  readonly repeated: Record<string, string>;
}

/**
 * The stand-ins of one resource or data source. Most become two locals, evaluated at plan
 * without any resource: its arguments, and those with its computed attributes, which other
 * expressions read. One with count, for_each or preconditions becomes a terraform_data with
 * the same meta-arguments, so that Terraform expands and checks it as it would the real one.
 */
function addStandIns(into: Scratch, address: string, body: Json, computedKey: string): void {
  const computed = COMPUTED[computedKey];
  if (!computed) throw new Error(`no computed attributes known for ${computedKey}: add them to COMPUTED in scratch-configuration.ts`);
  const args = rewriteAll(Object.fromEntries(Object.entries(body).filter(([k]) => !META.has(k))));
  const name = scratchName(address);
  const preconditions = body.lifecycle?.precondition;
  if (body.count !== undefined || body.for_each !== undefined || preconditions) {
    into.resources[name] = {
      ...(body.count !== undefined && { count: rewriteAll(body.count) }),
      ...(body.for_each !== undefined && { for_each: rewriteAll(body.for_each) }),
      input: args,
      ...(preconditions && { lifecycle: { precondition: rewriteAll(preconditions) } }),
    };
    // Its attributes, for the expressions that read them (`one(type.name[*].arn)`).
    const withComputed = (r: string) => `merge(${r}.input, ${hclObject(computed, `${r}.input.`)})`;
    if (body.count !== undefined) into.locals[name] = `\${[for r in terraform_data.${name} : ${withComputed('r')}]}`;
    else if (body.for_each !== undefined) into.locals[name] = `\${{ for k, r in terraform_data.${name} : k => ${withComputed('r')} }}`;
    else into.locals[name] = `\${${withComputed(`terraform_data.${name}`)}}`;
    if (body.count !== undefined || body.for_each !== undefined)
      into.repeated[name] = `{ for k, r in terraform_data.${name} : k => r.input }`;
    else into.single[name] = `terraform_data.${name}.input`;
    return;
  }
  const argsName = `${name}__args`;
  into.locals[argsName] = args;
  into.locals[name] = `\${merge(local.${argsName}, ${hclObject(computed, `local.${argsName}.`)})}`;
  into.single[name] = `local.${argsName}`;
}

/** An HCL object literal of template strings, with `A.` read as `reader`. */
function hclObject(attributes: Readonly<Record<string, string>>, reader: string): string {
  return `{ ${Object.entries(attributes)
    .map(([k, v]) => `${k} = "${v.replace(/\bA\./g, reader)}"`)
    .join(', ')} }`;
}

/** The provider-free module: what `terraform apply` can evaluate without any provider. */
export function scratchModule(module: Json): Json {
  const scratch: Scratch = { locals: { ...rewriteAll(module.locals ?? {}) }, resources: {}, single: {}, repeated: {} };
  for (const [type, byName] of Object.entries<Json>(module.resource ?? {})) {
    for (const [name, body] of Object.entries<Json>(byName)) addStandIns(scratch, `${type}.${name}`, body, type);
  }
  for (const [type, byName] of Object.entries<Json>(module.data ?? {})) {
    for (const [name, body] of Object.entries<Json>(byName)) addStandIns(scratch, `data.${type}.${name}`, body, `data.${type}`);
  }
  // Outputs as written, but for depends_on, which names provider resources (init checks it on the real module).
  const outputs = Object.fromEntries(
    Object.entries<Json>(module.output ?? {}).map(([name, { depends_on: _d, ...o }]) => [name, { ...o, value: rewriteAll(o.value) }]),
  );
  const object = (entries: Record<string, string>) =>
    `{ ${Object.entries(entries)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ')} }`;
  const evaluated = `\${{ single = ${object(scratch.single)}, repeated = ${object(scratch.repeated)} }}`;
  return {
    ...(module.variable && { variable: module.variable }),
    locals: scratch.locals,
    ...(Object.keys(scratch.resources).length > 0 && { resource: { terraform_data: scratch.resources } }),
    output: { ...outputs, [EVALUATED_OUTPUT]: { value: evaluated } },
  };
}

/**
 * The provider-free root: its variables, module call and outputs as generated, without the
 * provider blocks, the `terraform` block (which would make init look for providers) and the
 * `moved` blocks (their addresses name provider resources; `init` of the real root checks them).
 */
export function scratchRoot(root: Json): Json {
  const { provider: _provider, terraform: _terraform, moved: _moved, ...rest } = root;
  return { ...rest, output: { ...rest.output, [EVALUATED_OUTPUT]: { value: `\${module.alien.${EVALUATED_OUTPUT}}` } } };
}

/**
 * Every resource's evaluated arguments by its address in the generated module
 * (`google_service_account.alien`, `…member["key"]` for an instance), from `terraform output -json`.
 */
export function evaluatedArguments(outputs: Json): Map<string, Json> {
  const found = new Map<string, Json>();
  const { single = {}, repeated = {} } = outputs[EVALUATED_OUTPUT]?.value ?? {};
  const address = (name: string) => name.replace(/__/g, '.');
  for (const [name, value] of Object.entries<Json>(single)) found.set(address(name), value);
  for (const [name, instances] of Object.entries<Json>(repeated)) {
    for (const [key, value] of Object.entries<Json>(instances)) found.set(`${address(name)}[${JSON.stringify(key)}]`, value);
  }
  return found;
}
