import { CLOUD_PROVIDERS } from '../clouds/registry';
import { type Cloud, CLOUDS } from '../core/variables';
import type { ResourceReader } from '../model/trust-form';
import type { ReleaseFiles } from '../output/generate';

/**
 * What a release folder grants and whom it trusts, read back from its templates, so any two
 * release folders can be compared without the specs that made them.
 */
export interface ReleaseFacts {
  /** Per cloud, one line per grant: `action on resource [if condition]`. */
  readonly grants: Record<Cloud, string[]>;
  /** `cloud.field` → value, for who may get in and how. */
  readonly trust: Record<string, string>;
}

export function releaseFacts(files: ReleaseFiles): ReleaseFacts {
  const facts: ReleaseFacts = {
    grants: Object.fromEntries(CLOUDS.map((cloud) => [cloud, [] as string[]])) as Record<Cloud, string[]>,
    trust: {},
  };
  // Every JSON file of a cloud's folder: releases before 1.1.1 hold one Terraform file per
  // cloud, later ones a root and the module it calls, and the grants live in the module.
  for (const [path, content] of files) {
    const cloud = path.split('/')[0] as Cloud;
    if (!path.endsWith('.json') || !CLOUDS.includes(cloud)) continue;
    const file = JSON.parse(content);
    CLOUD_PROVIDERS[cloud].readGrants(file, facts.grants[cloud]);
    const readers = trustReaders(cloud);
    for (const [logicalId, resource] of Object.entries<any>(file.Resources ?? {})) {
      readers.cloudformation.get(resource.Type)?.(logicalId, resource.Properties ?? {}, facts.trust);
    }
    for (const [type, byName] of Object.entries<any>(file.resource ?? {})) {
      for (const [name, body] of Object.entries<any>(byName)) readers.terraform.get(type)?.(name, body, facts.trust);
    }
  }
  for (const cloud of CLOUDS) facts.grants[cloud] = [...new Set(facts.grants[cloud])].sort();
  return facts;
}

/**
 * A cloud's trust readers by resource type: its provider's and every form's. A release may be
 * of any form, so all are read; two readers of one type would be one form reading another's.
 */
export function trustReaders(cloud: Cloud): { cloudformation: Map<string, ResourceReader>; terraform: Map<string, ResourceReader> } {
  const provider = CLOUD_PROVIDERS[cloud];
  const sources = [provider.trustReaders, ...Object.values(provider.forms).map((form) => form.trustReaders)];
  const merged = { cloudformation: new Map<string, ResourceReader>(), terraform: new Map<string, ResourceReader>() };
  for (const source of sources) {
    for (const format of ['cloudformation', 'terraform'] as const) {
      for (const [type, reader] of Object.entries(source[format] ?? {})) {
        if (merged[format].has(type)) throw new Error(`${cloud}: two trust readers of ${type}`);
        merged[format].set(type, reader);
      }
    }
  }
  return merged;
}
