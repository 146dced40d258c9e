import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { docFiles } from '../support/doc-blocks';

/*
 * The README sends each reader to a page of docs/, and the pages send them to each other: every
 * relative link of the documentation reaches a file that exists, and a link to a heading
 * (`page.md#heading`) reaches a heading of that page. The README stays a signpost (under 10 KB).
 */
const ROOT = join(__dirname, '..', '..');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings, outside fenced code. */
function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (heading) found.add(anchorOf(heading[1]));
  }
  return found;
}

/** Every relative link target of a Markdown file, outside fenced code and code spans. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/^\s*(```|~~~)[^]*?^\s*\1\s*$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z]+:/.test(target));
}

const files = docFiles(ROOT);

describe('the documentation', () => {
  test('is found: the README and the docs pages', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/vendor.md', 'docs/security-review.md']));
  });

  test('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const target of links(text)) {
        const [path, anchor] = target.split('#');
        const resolved = path === '' ? join(ROOT, file) : join(ROOT, dirname(file), path);
        if (!existsSync(resolved)) broken.push(`${file}: ${target} (no ${relative(ROOT, resolved)})`);
        else if (anchor && statSync(resolved).isFile() && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(anchor))
          broken.push(`${file}: ${target} (no heading #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('names only files of the project that exist (paths in code spans; <placeholders> aside)', () => {
    const missing = files.flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/`((?:lib|test|bin|cli|docs|examples|templates)\/[A-Za-z0-9_./-]+)`/g)]
        .map((m) => m[1].replace(/\/$/, ''))
        .filter((path) => !existsSync(join(ROOT, path)))
        .map((path) => `${file}: ${path}`),
    );
    expect(missing).toEqual([]);
  });

  test('the README is a signpost, under 10 KB, that reaches every page of docs/', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(Buffer.byteLength(readme)).toBeLessThan(10 * 1024);
    const linked = new Set(links(readme).map((t) => t.split('#')[0]));
    expect(files.filter((f) => f.startsWith('docs/') && !linked.has(f))).toEqual([]);
  });

  test('anchors are made as GitHub makes them', () => {
    expect(anchorOf("Registration: learning each customer's role and template version")).toBe(
      'registration-learning-each-customers-role-and-template-version',
    );
    expect(anchorOf('The rules every permission set obeys')).toBe('the-rules-every-permission-set-obeys');
  });
});
