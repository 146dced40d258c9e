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
  const allowed = Math.max(1, Math.floor(Math.max(value.length, best.length) / 4));
  return distance(value.toLowerCase(), best.toLowerCase()) <= allowed ? ` (did you mean "${best}"?)` : '';
}
