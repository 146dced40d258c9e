import { contentReads } from '../content-reads';
import type { SetRule } from '../finding';

/** A grant that reads customer content needs `contentRead: true`, so granting it is a visible choice. */
export const contentReadsAreMarked: SetRule = (set) =>
  set.contentRead
    ? []
    : contentReads(set).map((g) => ({
        path: g.path,
        message: `${g.operation} reads the customer's content; only a set marked "contentRead: true" may grant it`,
      }));

/** `contentRead: true` on a set that reads no content would send reviewers looking in vain. */
export const contentReadMarkIsNeeded: SetRule = (set) =>
  set.contentRead && contentReads(set).length === 0
    ? [{ path: ['contentRead'], message: 'the set reads no content; remove "contentRead"' }]
    : [];
