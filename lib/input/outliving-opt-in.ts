import type { Catalog } from '../catalog/catalog';
import { lifecyclesOf } from '../catalog/stack-profile';
import type { LoadedSpec } from './load-spec';
import { SpecError, type SpecIssue } from '../core/spec-error';

/**
 * "No grant that outlives the trust unless it is marked, explained and opt-in": a granted set
 * marked `outlivesRevocation` must be named in `allowOutlivingRevocation`, set by set, so that
 * such a grant never arrives unnoticed (with a new stack resource, or a set that gains the mark
 * in a new catalog); and every name there must be a granted, marked set.
 */
export function checkOutlivingOptIn({ spec, source }: LoadedSpec, catalog: Catalog): void {
  const custom = new Map(spec.customPermissionSets.map((s) => [s.id, s]));
  const marked = (id: string) => (catalog.get(id) ?? custom.get(id))?.outlivesRevocation;
  const accepted = spec.allowOutlivingRevocation ?? [];
  const listed = spec.listedPermissions;
  const issues: SpecIssue[] = [];
  spec.permissions.forEach((id) => {
    const mark = marked(id);
    if (!mark || accepted.includes(id)) return;
    const pick = spec.stackPicks.find((p) => p.id === id && !listed.includes(id));
    const path = pick ? ['stack', 'resources', pick.resources[0]] : ['permissions', listed.indexOf(id)];
    // A live-only kind (a worker) cannot be made frozen: the fix that works is removing it.
    const resource = pick && spec.stack!.resources[pick.resources[0]];
    const fix = !pick ? 'remove it' : lifecyclesOf(resource!.kind).includes('frozen') ? 'make the resource frozen' : 'remove the resource';
    issues.push(
      source.issue(
        path,
        `"${id}" grants what revoking does not undo (${mark.reason.replace(/\.$/, '')}); add it to allowOutlivingRevocation to accept that, or ${fix}`,
      ),
    );
  });
  accepted.forEach((id, i) => {
    const path = ['allowOutlivingRevocation', i];
    if (!spec.permissions.includes(id)) issues.push(source.issue(path, `"${id}" is not granted; remove it from allowOutlivingRevocation`));
    else if (!marked(id))
      issues.push(source.issue(path, `"${id}" leaves nothing behind after revoking; remove it from allowOutlivingRevocation`));
  });
  if (issues.length > 0) throw new SpecError(issues);
}
