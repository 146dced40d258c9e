/** The clouds a trust spec can target, in the order templates are generated. */
export const CLOUDS = ['aws', 'gcp', 'azure'] as const;
export type Cloud = (typeof CLOUDS)[number];

/** Each cloud as a heading or a reader names it. */
export const CLOUD_NAMES: Readonly<Record<Cloud, string>> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

/**
 * Variables a permission set may use in resources, conditions and expressions, per cloud.
 * Each renderer maps them to its own syntax (a CloudFormation parameter or pseudo parameter,
 * a Terraform variable or data source), so a permission set never hard-codes an account.
 * Azure grants are operation names only (the role's scope is the resource group), so no
 * Azure field takes a variable. (No `${boundary}`: the vendor creates no roles, so nothing needs
 * a permissions boundary; the template creates the workload roles with their own policies.)
 */
export const VARIABLES = {
  aws: ['prefix', 'partition', 'region', 'account'],
  gcp: ['prefix', 'project'],
  azure: [],
} as const satisfies Record<Cloud, readonly string[]>;

export type Variable = (typeof VARIABLES)[Cloud][number];

/** The placeholder of the deployment's resource prefix, as written in a grant. */
export const PREFIX_PLACEHOLDER = '${prefix}';

/** A string with `${variable}` placeholders, split into literal text and variables. */
export type TemplatePart = { readonly text: string } | { readonly variable: Variable };

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/**
 * Splits `arn:${partition}:s3:::${prefix}-*` into parts. Returns the problems instead of
 * throwing so the spec parser can report them with positions.
 */
export function parseTemplate(value: string, cloud: Cloud): { parts: TemplatePart[]; problems: string[] } {
  const allowed: readonly string[] = VARIABLES[cloud];
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let last = 0;
  for (const match of value.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ text: value.slice(last, match.index) });
    const name = match[1];
    if (allowed.includes(name)) parts.push({ variable: name as Variable });
    else problems.push(`unknown variable \${${name}}; ${cloud} allows ${allowed.map((v) => `\${${v}}`).join(', ')}`);
    last = match.index + match[0].length;
  }
  const rest = value.slice(last);
  if (rest.includes('${')) problems.push('unclosed "${"; write variables as ${name}');
  if (rest) parts.push({ text: rest });
  return { parts, problems };
}
