import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compareText } from '../model/compare';
import { PACKAGE_ROOT } from '../package-root';
import { permissionSetSchema, type PermissionSetSpec } from '../spec/permission-set-schema';
import { SpecError } from '../spec/spec-error';
import { validate } from '../spec/validate';
import { YamlSource } from '../spec/yaml-source';

/**
 * The built-in permission sets: YAML data under `sets/<family>/<level>.yaml`, one file per set,
 * so that a reviewer reads grants, not code.
 */
export const CATALOG_DIR = join(PACKAGE_ROOT, 'lib', 'catalog', 'sets');

export class Catalog {
  private readonly byId: ReadonlyMap<string, PermissionSetSpec>;

  constructor(sets: readonly PermissionSetSpec[]) {
    this.byId = new Map([...sets].sort((a, b) => compareText(a.id, b.id)).map((s) => [s.id, s]));
  }

  get ids(): ReadonlySet<string> {
    return new Set(this.byId.keys());
  }

  get sets(): PermissionSetSpec[] {
    return [...this.byId.values()];
  }

  get(id: string): PermissionSetSpec | undefined {
    return this.byId.get(id);
  }
}

let builtIn: Catalog | undefined;

/** The built-in catalog, read once per process. A broken catalog file is a SpecError naming it. */
export function builtInCatalog(): Catalog {
  builtIn ??= loadCatalog(CATALOG_DIR);
  return builtIn;
}

export function loadCatalog(dir: string): Catalog {
  const sets = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const source = YamlSource.parse(readFileSync(file, 'utf8'), relative(process.cwd(), file));
      const set = validate(source, permissionSetSchema);
      const expectedId = f.replace(/\\/g, '/').replace(/\.yaml$/, '');
      if (set.id !== expectedId) throw new SpecError([source.issue(['id'], `must be "${expectedId}" to match its file name`)]);
      return set;
    });
  return new Catalog(sets);
}
