import type { PermissionSetSpec } from '../catalog/permission-set-schema';
import type { PathSegment } from '../core/yaml-source';

/** One problem with a permission set, at a path inside the set (e.g. `['aws', 0, 'actions', 2]`). */
export interface Finding {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** A least-privilege rule: a pure function from a permission set to what it finds wrong. */
export type SetRule = (set: PermissionSetSpec) => Finding[];
