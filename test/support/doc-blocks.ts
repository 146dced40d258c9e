import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A fenced code block of a Markdown file: its info string, text, and the line its text starts on. */
export interface DocBlock {
  readonly file: string;
  /** 1-based line of the block's first line of text (the line after the opening fence). */
  readonly line: number;
  /** The info string's first word, lower case: `yaml`, `sh`, or '' for none. */
  readonly lang: string;
  readonly text: string;
}

/**
 * Every fenced code block (``` or ~~~, at any indentation, as in a list item) of `markdown`.
 * The opening fence's indentation is removed from each line of text, as CommonMark does.
 */
export function fencedBlocks(markdown: string, file: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
    blocks.push({ file, line: i + 2, lang: info.toLowerCase(), text: body.length > 0 ? `${body.join('\n')}\n` : '' });
    i = end;
  }
  return blocks;
}

/** The project's documentation: README.md and every Markdown file under docs/, as paths from `root`. */
export function docFiles(root: string): string[] {
  const files = existsSync(join(root, 'README.md')) ? ['README.md'] : [];
  const docs = join(root, 'docs');
  if (existsSync(docs)) {
    for (const entry of readdirSync(docs, { recursive: true, encoding: 'utf8' }).sort()) {
      if (entry.endsWith('.md')) files.push(relative(root, join(docs, entry)));
    }
  }
  return files;
}

/** Every fenced block of the project's documentation. */
export function docBlocks(root: string): DocBlock[] {
  return docFiles(root).flatMap((file) => fencedBlocks(readFileSync(join(root, file), 'utf8'), file));
}
