import type { ReleaseFiles } from '../output/generate';
import { MANIFEST_FILE, sha256 } from './manifest';
import { compareRelease } from './release-folder';

/** A file of a published folder that is not as its manifest recorded it. */
export interface HandEdit {
  readonly path: string;
  readonly edit: 'changed' | 'added' | 'removed';
}

/**
 * Why a published release folder differs from what the spec generates now:
 * - `edited`: files differ from the hashes the folder's own manifest recorded, so they were
 *   edited after synth wrote them. `restorable` when the spec and this alien-trust reproduce
 *   the manifest exactly, so that synth writes back the release as published; `specChanged`
 *   when the spec also changed since.
 * - `spec-changed`: the folder is as synth wrote it, from a spec whose meaning has changed since.
 * - `generator-changed`: the folder is as synth wrote it from this same spec, and this
 *   alien-trust generates different files (or the folder and its manifest were both edited).
 */
export type ReleaseDrift =
  | { readonly kind: 'none' }
  | { readonly kind: 'unwritten' }
  | { readonly kind: 'edited'; readonly edits: readonly HandEdit[]; readonly restorable: boolean; readonly specChanged: boolean }
  | { readonly kind: 'spec-changed'; readonly files: readonly string[] }
  | { readonly kind: 'generator-changed'; readonly files: readonly string[]; readonly publishedBy: string; readonly generator: string };

interface Recorded {
  readonly specCanonicalSha256?: string;
  readonly generator?: { readonly version?: string };
  readonly files: ReadonlyMap<string, string>;
}

/** How the folder on disk (`actual`, undefined when it does not exist) differs from `expected`. */
export function releaseDrift(expected: ReleaseFiles, actual: ReleaseFiles | undefined): ReleaseDrift {
  if (actual === undefined || actual.size === 0) return { kind: 'unwritten' };
  const differing = compareRelease(expected, actual).map((p) => p.path);
  if (differing.length === 0) return { kind: 'none' };
  const want = recorded(expected.get(MANIFEST_FILE));
  const have = recorded(actual.get(MANIFEST_FILE));
  const specChanged = have?.specCanonicalSha256 !== want?.specCanonicalSha256;
  const edits =
    have === undefined
      ? [{ path: MANIFEST_FILE, edit: actual.has(MANIFEST_FILE) ? 'changed' : 'removed' } as const]
      : handEdits(have, actual);
  if (edits.length > 0) {
    return {
      kind: 'edited',
      edits,
      restorable: actual.get(MANIFEST_FILE) === expected.get(MANIFEST_FILE),
      specChanged: have !== undefined && specChanged,
    };
  }
  if (specChanged) return { kind: 'spec-changed', files: differing };
  return {
    kind: 'generator-changed',
    files: differing,
    publishedBy: have?.generator?.version ?? 'unknown',
    generator: want?.generator?.version ?? 'unknown',
  };
}

/** Files whose bytes are not those the manifest recorded, files it does not list, and files it lists that are gone. */
function handEdits(manifest: Recorded, actual: ReleaseFiles): HandEdit[] {
  const edits: HandEdit[] = [];
  for (const [path, content] of actual) {
    if (path === MANIFEST_FILE) continue;
    const hash = manifest.files.get(path);
    if (hash === undefined) edits.push({ path, edit: 'added' });
    else if (hash !== sha256(content)) edits.push({ path, edit: 'changed' });
  }
  for (const path of manifest.files.keys()) if (!actual.has(path)) edits.push({ path, edit: 'removed' });
  return edits.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function recorded(manifest: string | undefined): Recorded | undefined {
  try {
    const parsed = JSON.parse(manifest ?? '');
    if (!Array.isArray(parsed?.files)) return undefined;
    return { ...parsed, files: new Map(parsed.files.map((f: { path: string; sha256: string }) => [f.path, f.sha256])) };
  } catch {
    return undefined;
  }
}

const EDIT_WORDS = { changed: 'edited', added: 'added', removed: 'deleted' } as const;

/** One line per file: `  aws/template.json: edited`. */
export function driftLines(drift: ReleaseDrift, differing: readonly { path: string; problem: string }[]): string[] {
  if (drift.kind === 'edited') return drift.edits.map((e) => `  ${e.path}: ${EDIT_WORDS[e.edit]}`);
  return drift.kind === 'none' || drift.kind === 'unwritten' ? [] : differing.map(({ path, problem }) => `  ${path}: ${problem}`);
}

/**
 * What is wrong and the fix that works, in one sentence: restore a hand-edited folder (from git,
 * or with synth when the spec still generates it as published), bump the version only for a
 * changed spec. `synth` is the command to suggest, with the options the user gave.
 */
export function driftMessage(
  drift: ReleaseDrift,
  { dir, version, spec, synth }: { dir: string; version: string; spec: string; synth: string },
): string {
  const published = `version ${version} is published in ${dir}`;
  switch (drift.kind) {
    case 'none':
      return `${dir} is up to date`;
    case 'unwritten':
      return `${dir} does not exist; run "${synth}" to write version ${version}`;
    case 'edited': {
      const files = drift.edits.map((e) => `${e.path} (${EDIT_WORDS[e.edit]})`).join(', ');
      const restore = `restore the folder with "git checkout -- ${dir}" (or from the commit that published it, if the edit is committed)`;
      const bySynth = drift.restorable ? ` or "${synth}", which writes it back as published (${spec} still generates it)` : '';
      const bump = drift.specChanged ? `; then, for what changed in ${spec}, bump "version" and run "${synth}"` : '';
      return `${published}, and ${drift.edits.length === 1 ? 'a file was' : 'files were'} edited after synth wrote ${drift.edits.length === 1 ? 'it' : 'them'}: ${files}; ${restore}${bySynth}${bump}`;
    }
    case 'spec-changed':
      return `${published}, and ${spec} has changed since; bump "version" and run "${synth}" to publish a new release (a published folder never changes; if ${dir} was never released, delete it and run synth instead)`;
    case 'generator-changed':
      return `${published} from this same spec by alien-trust ${drift.publishedBy}, and this alien-trust (${drift.generator}) generates different files; check it with the alien-trust that published it, restore it with "git checkout -- ${dir}" if it was edited, or bump "version" and run "${synth}" to publish what this one generates`;
  }
}
