import { readFileSync } from 'node:fs';
import { SpecError } from './spec-error';
import { trustSpecSchema, type TrustSpec } from './trust-spec-schema';
import { validate } from './validate';
import { YamlSource } from './yaml-source';

/** Parses and validates trust-spec text. `catalogIds` are the built-in sets it may name. */
export function parseSpec(text: string, file: string, catalogIds: ReadonlySet<string>): TrustSpec {
  return validate(YamlSource.parse(text, file), trustSpecSchema(catalogIds));
}

/** Reads a trust spec from disk; a missing or unreadable file is a SpecError naming it. */
export function loadSpec(file: string, catalogIds: ReadonlySet<string>): { spec: TrustSpec; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw SpecError.of(file, code === 'ENOENT' ? 'spec file not found' : `cannot read the spec file (${code ?? (e as Error).message})`);
  }
  return { spec: parseSpec(text, file, catalogIds), text };
}
