import { CLOUD_PROVIDERS } from '../clouds/registry';
import { type Cloud, CLOUDS } from '../core/variables';
import type { Replacing } from '../model/trust-form';
import type { ReleaseFiles } from '../output/generate';

/** A resource that an upgrade from one release to the next would replace rather than update. */
export interface Replacement {
  readonly cloud: Cloud;
  /** The CloudFormation logical id, or the Terraform address inside the module. */
  readonly resource: string;
  /** The properties whose change forces the replacement (empty when the resource is removed). */
  readonly properties: string[];
  /** What the customer or the vendor sees. */
  readonly consequence: string;
}

/** Every cloud's replacement rules by resource type: its provider's and every form's. */
function rules(): { cloudformation: Map<string, CfnRule & { cloud: Cloud }>; terraform: Map<string, TerraformRule & { cloud: Cloud }> } {
  const merged = {
    cloudformation: new Map<string, CfnRule & { cloud: Cloud }>(),
    terraform: new Map<string, TerraformRule & { cloud: Cloud }>(),
  };
  for (const cloud of CLOUDS) {
    const provider = CLOUD_PROVIDERS[cloud];
    for (const source of [provider.replacing, ...Object.values(provider.forms).map((form) => form.replacing)]) {
      for (const [type, rule] of Object.entries(source.cloudformation ?? {})) merged.cloudformation.set(type, { ...rule, cloud });
      for (const [type, rule] of Object.entries(source.terraform ?? {})) merged.terraform.set(type, { ...rule, cloud });
    }
  }
  return merged;
}

type CfnRule = NonNullable<Replacing['cloudformation']>[string];
type TerraformRule = NonNullable<Replacing['terraform']>[string];

/** Every replacement an upgrade from OLD to NEW would cause, on every cloud. */
export function replacements(oldFiles: ReleaseFiles, newFiles: ReleaseFiles): Replacement[] {
  return [...cloudFormationReplacements(oldFiles, newFiles), ...terraformReplacements(oldFiles, newFiles)];
}

function cloudFormationReplacements(oldFiles: ReleaseFiles, newFiles: ReleaseFiles): Replacement[] {
  const before = parsed(oldFiles, 'aws/template.json')?.Resources ?? {};
  const after = parsed(newFiles, 'aws/template.json')?.Resources ?? {};
  const found: Replacement[] = [];
  const cfn = rules().cloudformation;
  for (const [id, old] of Object.entries<any>(before)) {
    const rule = cfn.get(old.Type);
    if (!rule) continue;
    const next = after[id];
    if (!next || next.Type !== old.Type) {
      // A new stack version without the resource deletes it; for the role that is the trust itself.
      if (old.Type === 'AWS::IAM::Role')
        found.push({ cloud: 'aws', resource: id, properties: [], consequence: 'removed: the RoleArn the vendor holds stops working' });
      continue;
    }
    const changed = rule.properties.filter((p) => !same(old.Properties?.[p], next.Properties?.[p]));
    if (changed.length === 0) continue;
    const named = next.Properties?.[rule.name] !== undefined;
    const keepsName = named && same(old.Properties?.[rule.name], next.Properties?.[rule.name]);
    const consequences = [
      keepsName
        ? 'the stack update fails: CloudFormation cannot replace a resource with a custom name under the same name'
        : 'replaced by a new resource',
      ...(old.Type === 'AWS::IAM::Role' ? ['the RoleArn changes and the vendor must be sent the new one'] : []),
    ];
    found.push({ cloud: rule.cloud, resource: id, properties: changed, consequence: consequences.join('; ') });
  }
  return found;
}

function terraformReplacements(oldFiles: ReleaseFiles, newFiles: ReleaseFiles): Replacement[] {
  const before = terraformResources(oldFiles);
  const after = terraformResources(newFiles);
  const found: Replacement[] = [];
  const terraform = rules().terraform;
  for (const [address, old] of before) {
    const [type] = address.split('.');
    const rule = terraform.get(type);
    const next = after.get(address);
    if (!rule || !next) continue;
    const changed = rule.arguments.filter((a) => !same(old[a], next[a]));
    if (changed.length > 0) found.push({ cloud: rule.cloud, resource: address, properties: changed, consequence: rule.consequence });
  }
  return found;
}

/**
 * Every Terraform resource of a release by `type.name`: from the module where there is one,
 * and from the single file of releases before modules (the root's `moved` blocks keep the
 * addresses equal across that change).
 */
function terraformResources(files: ReleaseFiles): Map<string, any> {
  const resources = new Map<string, any>();
  for (const [path, content] of files) {
    if (!CLOUDS.includes(path.split('/')[0] as Cloud) || !path.endsWith('.tf.json')) continue;
    for (const [type, byName] of Object.entries<any>(JSON.parse(content).resource ?? {})) {
      for (const [name, body] of Object.entries<any>(byName)) resources.set(`${type}.${name}`, body);
    }
  }
  return resources;
}

function parsed(files: ReleaseFiles, path: string): any {
  const text = files.get(path);
  return text === undefined ? undefined : JSON.parse(text);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function formatReplacements(found: readonly Replacement[]): string[] {
  if (found.length === 0) return ['upgrade: in place (nothing is replaced)'];
  return [
    `upgrade: ${found.length} replaced`,
    ...found.map(
      (r) => `  ! ${r.cloud} ${r.resource}${r.properties.length > 0 ? ` (${r.properties.join(', ')} changed)` : ''}: ${r.consequence}`,
    ),
  ];
}
