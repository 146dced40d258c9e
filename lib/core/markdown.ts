/**
 * Small Markdown helpers for the permissions review. Spec text (names, subjects, ARNs) goes into
 * code spans, so it is shown as written and cannot turn into links or headings.
 */

/** An inline code span that holds any text, even backticks. */
export function code(text: string): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A list of code spans: `a`, `b`, `c`. */
export function codeList(items: readonly string[]): string {
  return items.map(code).join(', ');
}

/** A Mermaid node label: quotes and angle brackets become entities, lines become <br/>. */
export function mermaidLabel(...lines: string[]): string {
  const escape = (s: string) => s.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
  return `"${lines.map(escape).join('<br/>')}"`;
}

export function mermaid(lines: readonly string[]): string[] {
  return ['```mermaid', ...lines, '```'];
}

/** How a value the customer enters at deploy time appears in names: `<ResourcePrefix>-alien`. */
export function shown(input: string): string {
  return `<${input}>`;
}

/** A duration for people: `1 hour`, `12 hours`, `90 minutes`. */
export function hours(seconds: number): string {
  const h = seconds / 3600;
  return Number.isInteger(h) ? `${h} hour${h === 1 ? '' : 's'}` : `${seconds / 60} minutes`;
}
