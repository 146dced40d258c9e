import { closest, distance } from 'fastest-levenshtein';

/**
 * ` (did you mean "x"?)` when a known value is a likely misspelling of `value` (a small edit
 * distance relative to its length), else nothing. Used for field names, permission-set ids,
 * actions and command-line options.
 */
export function didYouMean(value: string, known: Iterable<string>): string {
  const candidates = [...known];
  if (candidates.length === 0) return '';
  const best = closest(value, candidates);
  // A swap of two letters costs 2; short words allow one slip, longer ones one in four
  // letters, and no value more than four: past that it is another word, not a misspelling.
  const length = Math.max(value.length, best.length);
  const allowed = length <= 3 ? 1 : Math.min(4, Math.max(2, Math.floor(length / 4)));
  return distance(value.toLowerCase(), best.toLowerCase()) <= allowed ? ` (did you mean "${best}"?)` : '';
}
