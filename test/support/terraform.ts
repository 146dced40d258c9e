import { synthAzure } from '../../lib/azure/synth-azure';
import { synthGcp } from '../../lib/gcp/synth-gcp';
import { TERRAFORM_FILES } from '../../lib/terraform/synth-terraform';
import { modelOf } from './fixtures';

/** The module (`<cloud>/module/main.tf.json`) of a fixture, as `alien-trust synth` writes it. */
export function gcpOf(fixture: string): any {
  return gcpFilesOf(fixture)[TERRAFORM_FILES.module];
}

export function azureOf(fixture: string): any {
  return azureFilesOf(fixture)[TERRAFORM_FILES.module];
}

/** Both Terraform files of a fixture: the root (`main.tf.json`) and the module. */
export function gcpFilesOf(fixture: string): Record<string, any> {
  return synthGcp(modelOf(fixture, ['gcp']));
}

export function azureFilesOf(fixture: string): Record<string, any> {
  return synthAzure(modelOf(fixture, ['azure']));
}

/** Every string in a JSON value, with its path, for rules that hold everywhere. */
export function allStrings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => allStrings(v, `${path}.${k}`));
}

/**
 * `${...}` and `%{...}` sequences Terraform would evaluate, minus the references the
 * generator itself writes (var., data., resource attributes and functions it uses).
 */
export function foreignInterpolations(value: string): string[] {
  const generated =
    /^\$\{(var\.|data\.|module\.|each\.|local\.|google_|azurerm_|aws_iam_|random_id\.|replace\(|can\(|substr\(|toset\(|join\(|element\(|\(+length\(var\.(resource_prefix|external_id)\))/;
  return [...value.matchAll(/(?<![$%])((?:\$\$|%%)*)([$%]\{[^}]*\}?)/g)]
    .filter((m) => m[1].length === 0)
    .map((m) => m[2])
    .filter((s) => !generated.test(s));
}
