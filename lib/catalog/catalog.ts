import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compareText } from '../core/compare';
import { PACKAGE_ROOT } from '../core/package-root';
import { permissionSetSchema, type PermissionSetSpec } from './permission-set-schema';
import { SpecError } from '../core/spec-error';
import { validate } from '../core/validate';
import { YamlSource } from '../core/yaml-source';

/**
 * The built-in permission sets: YAML data under `sets/<family>/<level>.yaml`, one file per set,
 * so that a reviewer reads grants, not code.
 */
export const CATALOG_DIR = join(PACKAGE_ROOT, 'lib', 'catalog', 'sets');

/** The census of Alien's controller calls and its management profile (alien-calls/README.md). */
export const ALIEN_CALLS_DIR = join(PACKAGE_ROOT, 'lib', 'catalog', 'alien-calls');

/**
 * A folder of permission sets. Ids come from the file names; a set is read and validated when
 * first asked for, so a spec pays only for the sets it grants (the tests read them all).
 */
export class Catalog {
  private readonly loaded = new Map<string, PermissionSetSpec>();
  readonly ids: ReadonlySet<string>;

  constructor(private readonly dir: string) {
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    this.ids = new Set(files.map((f) => f.replace(/\\/g, '/').replace(/\.yaml$/, '')).sort(compareText));
  }

  /** Every set, sorted by id. */
  get sets(): PermissionSetSpec[] {
    return [...this.ids].map((id) => this.get(id)!);
  }

  get(id: string): PermissionSetSpec | undefined {
    if (!this.ids.has(id)) return undefined;
    let set = this.loaded.get(id);
    if (!set) {
      set = readSet(this.dir, id);
      this.loaded.set(id, set);
    }
    return set;
  }
}

/** One set file, validated; a broken file is a SpecError naming it. */
function readSet(dir: string, id: string): PermissionSetSpec {
  const file = join(dir, `${id}.yaml`);
  const source = YamlSource.parse(readFileSync(file, 'utf8'), relative(process.cwd(), file));
  const set = validate(source, permissionSetSchema);
  if (set.id !== id) throw new SpecError([source.issue(['id'], `must be "${id}" to match its file name`)]);
  return set;
}

let builtIn: Catalog | undefined;

/** The built-in catalog, one per process. */
export function builtInCatalog(): Catalog {
  builtIn ??= new Catalog(CATALOG_DIR);
  return builtIn;
}
