import { readFileSync, statSync } from 'node:fs';
import { listProblems } from '../lists/list-problems';
import { contentReadMarkIsNeeded } from '../rules/common/content-read-marking';
import { permissionSetFieldsSchema, type PermissionSetSpec } from '../catalog/permission-set-schema';
import { SpecError, type SpecIssue } from '../core/spec-error';
import { trustSpecSchema, type TrustSpec } from './trust-spec-schema';
import { validate } from '../core/validate';
import { dottedPath, MAX_SPEC_BYTES, TOO_LARGE, YamlSource } from '../core/yaml-source';

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
  return parseSpec(readSpecText(file), file, catalogIds);
}

function readSpecText(file: string): string {
  try {
    // A file far past the limit is refused unread, so a huge file costs no memory.
    if (statSync(file).size > MAX_SPEC_BYTES) throw SpecError.of(file, TOO_LARGE);
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof SpecError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw SpecError.of(file, code === 'ENOENT' ? 'spec file not found' : `cannot read the spec file (${code ?? (e as Error).message})`);
  }
}

/**
 * Reads a trust spec and checks all of it, its own permission sets against the clouds' lists
 * too (`checkCustomSets`), and reports every problem in one SpecError: a misspelled action is
 * named (with its "did you mean") in the same run as the spec's other problems, even when the
 * spec has some, for every custom set whose fields are well formed.
 */
export async function loadCheckedSpec(file: string, catalogIds: ReadonlySet<string>): Promise<LoadedSpec> {
  const text = readSpecText(file);
  const source = YamlSource.parse(text, file);
  let spec: TrustSpec | undefined;
  let issues: SpecIssue[] = [];
  try {
    spec = validate(source, trustSpecSchema(catalogIds));
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    issues = [...e.issues];
  }
  const raw = (source.value as { customPermissionSets?: unknown } | null)?.customPermissionSets;
  const sets = spec?.customPermissionSets ?? (Array.isArray(raw) ? raw.map((set) => permissionSetFieldsSchema.safeParse(set).data) : []);
  for (const [i, set] of sets.entries()) {
    if (set === undefined) continue;
    const found = await listIssues(source, set, i);
    if (found.length === 0) continue;
    // A set with a name the clouds do not know cannot be judged on what it reads: the misspelled
    // name is the problem, not the "contentRead" mark the name would need once it is spelled right.
    const unjudged = new Set(
      contentReadMarkIsNeeded(set).map((f) => `${dottedPath(['customPermissionSets', i, ...f.path])}\n${f.message}`),
    );
    issues = [...issues.filter((issue) => !unjudged.has(`${issue.path}\n${issue.message}`)), ...found];
  }
  if (issues.length > 0 || spec === undefined) throw new SpecError(issues);
  return { spec, text, source };
}

/**
 * Checks the spec's own permission sets against the clouds' lists of actions, as the tests do
 * for the built-in catalog: a misspelled action is a SpecError naming the set and the action,
 * not a template that fails in the customer's account.
 */
export async function checkCustomSets({ spec, source }: LoadedSpec): Promise<void> {
  const issues = [];
  for (const [i, set] of spec.customPermissionSets.entries()) issues.push(...(await listIssues(source, set, i)));
  if (issues.length > 0) throw new SpecError(issues);
}

async function listIssues(source: YamlSource, set: PermissionSetSpec, i: number): Promise<SpecIssue[]> {
  return (await listProblems(set)).map(({ path, message }) => source.issue(['customPermissionSets', i, ...path], `${set.id}: ${message}`));
}
