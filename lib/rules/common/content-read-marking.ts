import { contentReads } from '../content-reads';
import { defineRule } from '../rule';

export const contentReadsAreMarked = defineRule(
  {
    id: 'content-read-marked',
    summary:
      "A grant that reads the customer's content (object bodies, secret values, table items, messages) is only in a set marked `contentRead: true`.",
    why: 'Reading what the customer stores is a different trust from managing their infrastructure; the marking makes granting it a visible choice, which the review and the catalog show.',
  },
  (set) =>
    set.contentRead
      ? []
      : contentReads(set).map((g) => ({
          path: g.path,
          message: `${g.operation} reads the customer's content; only a set marked "contentRead: true" may grant it`,
        })),
);

export const contentReadMarkIsNeeded = defineRule(
  {
    id: 'content-read-needed',
    summary: '`contentRead: true` only on a set that reads content.',
    why: 'A marking on a set that reads nothing would send reviewers looking in vain, and teach them to skip the mark.',
  },
  (set) =>
    set.contentRead && contentReads(set).length === 0
      ? [{ path: ['contentRead'], message: 'the set reads no content; remove "contentRead"' }]
      : [],
);
