import type { SetRule } from '../finding';
import { privilegedGrants } from '../sensitive';

/** A grant that changes access or hands out credentials needs `privileged: true` and a reason. */
export const privilegedGrantsAreMarked: SetRule = (set) =>
  set.privileged
    ? []
    : privilegedGrants(set).map((g) => ({
        path: g.path,
        message: `${g.operation} ${g.why}; only a set marked "privileged: true" with a privilegedReason may grant it`,
      }));

/** `privileged: true` on a set that grants nothing privileged would make reviewers look in vain. */
export const privilegedMarkIsNeeded: SetRule = (set) =>
  set.privileged && privilegedGrants(set).length === 0
    ? [{ path: ['privileged'], message: 'the set grants nothing privileged; remove "privileged" and "privilegedReason"' }]
    : [];
