import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionSetFieldsSchema } from '../../lib/catalog/permission-set-schema';
import { trustSpecSchema } from '../../lib/input/trust-spec-schema';

/*
 * docs/spec-reference.md is written by hand (each field's rule and effect need words), so this
 * test keeps it complete and current: every field the spec's and a permission set's schemas
 * take is in its table (itself, or a parent row that describes its parts), and every field a
 * table names is one the schema takes.
 */
const PAGE = join(__dirname, '..', '..', 'docs', 'spec-reference.md');

type Def = {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  in?: { _zod: { def: Def } };
};

/** The schema under optional, default and pipe wrappers. */
function unwrap(def: Def): Def {
  if (def.innerType) return unwrap(def.innerType._zod.def);
  if (def.type === 'pipe' && def.in) return unwrap(def.in._zod.def);
  return def;
}

/** Every field path of an object schema, nested objects too (not into lists). */
export function fieldPaths(def: Def, prefix = ''): string[] {
  const inner = unwrap(def);
  if (inner.type !== 'object' || !inner.shape) return [];
  return Object.entries(inner.shape).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...fieldPaths(child._zod.def, path)];
  });
}

/** The field names a table's first column gives, each in its own code span. */
function tableFields(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return [];
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Za-z.]+)`/g)].map((m) => m[1]));
}

/** Paths neither listed, nor under a listed parent, nor a group whose fields are listed. */
const missing = (paths: string[], listed: string[]) =>
  paths.filter((path) => !listed.some((row) => path === row || path.startsWith(`${row}.`) || row.startsWith(`${path}.`)));

const page = existsSync(PAGE) ? readFileSync(PAGE, 'utf8') : undefined;
const describeIf = page === undefined ? describe.skip : describe;

describeIf('the spec reference (docs/spec-reference.md)', () => {
  const specFields = fieldPaths((trustSpecSchema(new Set()) as unknown as { _zod: { def: Def } })._zod.def);
  const setFields = fieldPaths((permissionSetFieldsSchema as unknown as { _zod: { def: Def } })._zod.def);

  test('reads the schemas: nested fields too', () => {
    expect(specFields).toEqual(
      expect.arrayContaining(['name', 'managingIdentity.aws.roleArn', 'managingIdentity.oidc.issuer', 'aws.maxSessionDuration']),
    );
    expect(setFields).toEqual(expect.arrayContaining(['id', 'gcp.projectWide', 'outlivesRevocation.reason']));
  });

  test("lists every field of the spec, and only the spec's fields", () => {
    const listed = tableFields(page!, "The spec's fields");
    expect(missing(specFields, listed)).toEqual([]);
    expect(listed.filter((row) => !specFields.includes(row))).toEqual([]);
  });

  test("lists every field of a permission set, and only a set's fields", () => {
    const listed = tableFields(page!, 'A permission set');
    expect(missing(setFields, listed)).toEqual([]);
    expect(listed.filter((row) => !setFields.includes(row))).toEqual([]);
  });

  test('finds a field left out, so the checks above can fail', () => {
    expect(missing(['a', 'a.b', 'c', 'c.d', 'e', 'e.f'], ['a', 'e.f'])).toEqual(['c', 'c.d']);
  });
});
