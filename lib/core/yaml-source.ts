import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { MAX_NESTING, tooDeepAt } from './nesting';
import { SpecError, type SourcePosition, type SpecIssue } from './spec-error';

/** Larger inputs are refused before parsing: a trust spec is a page of YAML, not megabytes. */
export const MAX_SPEC_BYTES = 1024 * 1024;

/**
 * Aliases a document may expand. Specs have no use for anchors at scale; a low limit stops
 * "billion laughs" documents before they exhaust memory.
 */
const MAX_ALIAS_COUNT = 100;

export const TOO_LARGE = `the file is larger than ${MAX_SPEC_BYTES} bytes (1 MiB); a trust spec is far smaller`;

export type PathSegment = string | number;

/** A parsed YAML document that remembers where each value came from. */
export class YamlSource {
  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Parses YAML text; syntax errors throw a SpecError naming each line. */
  static parse(text: string, file: string): YamlSource {
    if (Buffer.byteLength(text, 'utf8') > MAX_SPEC_BYTES) {
      throw SpecError.of(file, TOO_LARGE);
    }
    const lines = new LineCounter();
    const deep = tooDeepAt(text);
    if (deep !== undefined) {
      const before = text.slice(0, deep);
      const position = { file, line: before.split('\n').length, col: deep - before.lastIndexOf('\n') };
      throw new SpecError([{ position, path: '', message: `YAML: nested more than ${MAX_NESTING} levels deep` }]);
    }
    // The position comes from the error's offset; prettyErrors would add a source excerpt that
    // is not printed and costs time on large hostile input.
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, schema: 'core', prettyErrors: false });
    // After the first syntax error the parser's further errors are mostly echoes of it.
    const [first] = [...doc.errors, ...doc.warnings];
    if (first) {
      const at = lines.linePos(first.pos[0]);
      throw new SpecError([{ position: { file, line: at.line, col: at.col }, path: '', message: `YAML: ${first.message.split('\n')[0]}` }]);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      throw SpecError.of(file, `YAML: ${(e as Error).message} (aliases are limited to ${MAX_ALIAS_COUNT})`);
    }
    return new YamlSource(file, value, doc, lines);
  }

  /**
   * The position of the value at `path`, or of its key with `key: true`. A missing field
   * points at the deepest parent that exists, so "required" errors land on the right object.
   */
  positionOf(path: readonly PathSegment[], { key = false } = {}): SourcePosition {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (const [i, segment] of path.entries()) {
      let child: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
        if (!pair) break;
        const wantKey = key && i === path.length - 1;
        offset = rangeStart(wantKey ? pair.key : (pair.value ?? pair.key)) ?? offset;
        child = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        child = node.items[segment];
        offset = rangeStart(child) ?? offset;
      } else {
        break;
      }
      node = child;
    }
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /** The text of the scalar at `path` as written in the file (`1.0`, where the value is the number 1). */
  sourceTextAt(path: readonly PathSegment[]): string | undefined {
    let node: unknown = this.doc.contents;
    for (const segment of path) {
      if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && p.key.value === segment)?.value;
      else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
      else return undefined;
    }
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  }

  issue(path: readonly PathSegment[], message: string, options?: { key?: boolean }): SpecIssue {
    return { position: this.positionOf(path, options), path: dottedPath(path), message };
  }
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** `['permissions', 2]` → `permissions[2]`; `['managingIdentity', 'aws']` → `managingIdentity.aws`. */
export function dottedPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}
