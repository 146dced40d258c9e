import { builtInCatalog } from '../catalog/catalog';
import { resolve } from '../model/resolve';
import type { TrustModel } from '../model/trust-model';
import { loadCheckedSpec } from '../input/load-spec';
import { SpecError } from '../core/spec-error';
import { checkOutlivingOptIn } from '../input/outliving-opt-in';
import { checkWorkloadIdentities } from '../input/workload-identities';
import type { TrustSpec } from '../input/trust-spec-schema';
import { CLOUDS, type Cloud } from '../core/variables';
import { shown } from './project-paths';
import { UsageError } from '../core/usage-error';

/** Parses `--cloud aws,gcp` into clouds, in catalog order. */
export function parseClouds(flag: string | undefined): Cloud[] | undefined {
  if (flag === undefined) return undefined;
  const names = flag.split(',').map((c) => c.trim());
  const unknown = names.filter((c) => !(CLOUDS as readonly string[]).includes(c));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `--cloud: unknown cloud ${unknown.map((c) => `"${c}"`).join(', ')}; use a comma-separated list of ${CLOUDS.join(', ')}`,
    );
  }
  return CLOUDS.filter((c) => names.includes(c));
}

/**
 * Loads, validates (custom sets against the clouds' lists too) and resolves a spec in one step.
 * `file` is absolute; messages name it as the user sees it from the shell's folder.
 */
export async function loadModel(file: string, clouds?: readonly Cloud[]): Promise<{ spec: TrustSpec; text: string; model: TrustModel }> {
  const { spec, text, model } = await loadModelOf(file, clouds);
  if (model.clouds.length === 0) {
    throw new UsageError(`--cloud: the spec's clouds are ${spec.clouds.join(', ')}; none of them was chosen`);
  }
  return { spec, text, model };
}

/** As `loadModel`, but a model with none of `clouds` is returned (empty) rather than refused. */
export async function loadModelOf(file: string, clouds?: readonly Cloud[]): Promise<{ spec: TrustSpec; text: string; model: TrustModel }> {
  const catalog = builtInCatalog();
  const loaded = await loadCheckedSpec(shown(file), catalog.ids);
  checkWorkloadIdentities(loaded, catalog);
  checkOutlivingOptIn(loaded, catalog);
  const { spec, text } = loaded;
  const model = resolve(spec, catalog, { clouds });
  // An identity with nothing to do on a cloud is a template nobody should apply.
  const empty = model.clouds.filter((cloud) => !model.permissionSets.some((set) => set[cloud]));
  if (empty.length > 0) {
    throw SpecError.of(
      shown(file),
      `${empty.join(' and ')}: none of the granted permission sets grants anything there (${model.permissionSets.map((s) => `${s.id}: ${s.unsupported[empty[0]] ?? 'no grants'}`).join('; ')}); grant a set for it or leave it out of clouds`,
      'clouds',
    );
  }
  return { spec, text, model };
}
