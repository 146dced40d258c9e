import { Parser } from 'yaml';

/** Deeper YAML is refused: a trust spec nests about six levels, and the composer recurses. */
export const MAX_NESTING = 64;

type CstToken = ReturnType<Parser['parse']> extends Generator<infer T> ? T : never;

/**
 * The offset of the first collection nested deeper than `MAX_NESTING`, or undefined. Walks the
 * parser's concrete syntax tree with an explicit stack, so that hostile input (thousands of
 * nested brackets) is measured without the deep recursion it is meant to prevent; the yaml
 * composer would overflow the stack on it, and V8 is left unable to compile regular
 * expressions for the rest of the process.
 */
export function tooDeepAt(text: string): number | undefined {
  for (const document of new Parser().parse(text)) {
    const stack: [CstToken | undefined, number][] = [[document, 0]];
    while (stack.length > 0) {
      const [token, depth] = stack.pop()!;
      if (!token) continue;
      const nested = 'items' in token && Array.isArray(token.items);
      if (nested && depth > MAX_NESTING) return token.offset;
      if ('value' in token && typeof token.value === 'object') stack.push([token.value as CstToken, depth]);
      if (nested) {
        for (const item of token.items as { key?: CstToken | null; value?: CstToken | null }[]) {
          stack.push([item.key ?? undefined, depth + 1], [item.value ?? undefined, depth + 1]);
        }
      }
    }
  }
  return undefined;
}
