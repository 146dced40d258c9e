import { readFileSync, statSync } from 'node:fs';
import { listProblems } from '../lists/list-problems';
import { SpecError } from './spec-error';
import { trustSpecSchema, type TrustSpec } from './trust-spec-schema';
import { validate } from './validate';
import { MAX_SPEC_BYTES, TOO_LARGE, YamlSource } from './yaml-source';

export interface LoadedSpec {
  readonly spec: TrustSpec;
  /** The file's text, hashed into the release manifest. */
  readonly text: string;
  /** The parsed YAML, for positions of problems found later. */
  readonly source: YamlSource;
}

/** Parses and validates trust-spec text. `catalogIds` are the built-in sets it may name. */
export function parseSpec(text: string, file: string, catalogIds: ReadonlySet<string>): LoadedSpec {
  const source = YamlSource.parse(text, file);
  return { spec: validate(source, trustSpecSchema(catalogIds)), text, source };
}

/** Reads a trust spec from disk; a missing or unreadable file is a SpecError naming it. */
export function loadSpec(file: string, catalogIds: ReadonlySet<string>): LoadedSpec {
  let text: string;
  try {
    // A file far past the limit is refused unread, so a huge file costs no memory.
    if (statSync(file).size > MAX_SPEC_BYTES) throw SpecError.of(file, TOO_LARGE);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof SpecError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw SpecError.of(file, code === 'ENOENT' ? 'spec file not found' : `cannot read the spec file (${code ?? (e as Error).message})`);
  }
  return parseSpec(text, file, catalogIds);
}

/**
 * Checks the spec's own permission sets against the clouds' lists of actions, as the tests do
 * for the built-in catalog: a misspelled action is a SpecError naming the set and the action,
 * not a template that fails in the customer's account.
 */
export async function checkCustomSets({ spec, source }: LoadedSpec): Promise<void> {
  const issues = [];
  for (const [i, set] of spec.customPermissionSets.entries()) {
    for (const { path, message } of await listProblems(set)) issues.push(source.issue(['customPermissionSets', i, ...path], `${set.id}: ${message}`));
  }
  if (issues.length > 0) throw new SpecError(issues);
}
