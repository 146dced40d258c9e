/** Inclusive code-point ranges. */
export type CharacterRanges = readonly (readonly [number, number])[];

const ESCAPES: Record<string, CharacterRanges> = {
  d: [[0x30, 0x39]],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};

/**
 * Every character a parameter's `AllowedPattern` can match, when the pattern is made only of
 * anchors, groups, alternation, quantifiers, literal characters and non-negated classes (the
 * forms this tool writes); undefined for anything else (`.`, `\s`, `[^…]`, look-arounds), which
 * the proof then cannot use.
 */
export function patternCharacters(pattern: string): CharacterRanges | undefined {
  const ranges: (readonly [number, number])[] = [];
  let i = 0;
  /** One literal or escaped character at i; undefined when it is not a plain one. */
  const single = (): CharacterRanges | undefined => {
    const c = pattern[i++];
    if (c !== '\\') return [[c.codePointAt(0)!, c.codePointAt(0)!]];
    const e = pattern[i++];
    if (e === undefined) return undefined;
    if (ESCAPES[e]) return ESCAPES[e];
    // An escaped punctuation character stands for itself; letters are classes or controls.
    if (/[A-Za-z0-9]/.test(e)) return undefined;
    return [[e.codePointAt(0)!, e.codePointAt(0)!]];
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '^' || c === '$' || c === '|' || c === ')' || c === '?' || c === '*' || c === '+') {
      i++;
    } else if (c === '(') {
      i++;
      if (pattern[i] === '?') {
        if (pattern[i + 1] !== ':') return undefined;
        i += 2;
      }
    } else if (c === '{') {
      const quantifier = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i));
      if (!quantifier) return undefined;
      i += quantifier[0].length;
    } else if (c === '[') {
      i++;
      if (pattern[i] === '^') return undefined;
      while (i < pattern.length && pattern[i] !== ']') {
        const low = single();
        if (!low) return undefined;
        if (pattern[i] === '-' && pattern[i + 1] !== ']' && low.length === 1 && low[0][0] === low[0][1]) {
          i++;
          const high = single();
          if (!high || high.length !== 1 || high[0][0] !== high[0][1] || high[0][0] < low[0][0]) return undefined;
          ranges.push([low[0][0], high[0][0]]);
        } else {
          ranges.push(...low);
        }
      }
      if (pattern[i] !== ']') return undefined;
      i++;
    } else if (c === '.') {
      return undefined;
    } else {
      const literal = single();
      if (!literal) return undefined;
      ranges.push(...literal);
    }
  }
  return ranges;
}

/** Whether every character in the ranges matches `character` (a one-character test). */
export function rangesWithin(ranges: CharacterRanges, character: RegExp): boolean {
  return ranges.every(([low, high]) => {
    if (high - low > 0x3000) return false;
    for (let code = low; code <= high; code++) if (!character.test(String.fromCodePoint(code))) return false;
    return true;
  });
}
