import { defineRule } from '../rule';
import { privilegedGrants } from '../sensitive';

export const privilegedGrantsAreMarked = defineRule(
  {
    id: 'privileged-marked',
    summary:
      'A grant that changes access or hands out credentials (`lib/rules/<cloud>/sensitive-*.ts` lists them) is only in a set marked `privileged: true` with a `privilegedReason`.',
    why: 'Such a grant lets its holder widen their own access or act as someone else; the marking and its reason make granting it a visible choice, which the review, the catalog and synth show.',
  },
  (set) =>
    set.privileged
      ? []
      : privilegedGrants(set).map((g) => ({
          path: g.path,
          message: `${g.operation} ${g.why}; only a set marked "privileged: true" with a privilegedReason may grant it`,
        })),
);

export const privilegedMarkIsNeeded = defineRule(
  {
    id: 'privileged-needed',
    summary: '`privileged: true` only on a set that grants something privileged.',
    why: 'A marking on a harmless set would make reviewers look in vain, and teach them to skip the mark.',
  },
  (set) =>
    set.privileged && privilegedGrants(set).length === 0
      ? [{ path: ['privileged'], message: 'the set grants nothing privileged; remove "privileged" and "privilegedReason"' }]
      : [],
);
