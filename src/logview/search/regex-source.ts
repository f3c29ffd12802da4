// A walk over a regular expression's source (pure), telling escapes, classes and groups apart,
// for two jobs of query.ts:
//   - literalText: the characters the operator typed as themselves (escapes such as `\W`,
//     `\p{Lu}` or `\u00C9` left out), for smart case;
//   - superset: the source with `^`, `$` outside classes and every lookaround group turned into
//     an empty group. Matching that over a chunk of many lines finds every line whose message
//     alone would match the original, and maybe more (which the per-line check drops): an
//     anchor or lookaround only ever removes matches.

export interface SourceScan {
  literalText: string;
  superset: string;
}

const LOOKAROUND = /^\(\?(?:=|!|<=|<!)/;

export function scanSource(source: string): SourceScan {
  let literalText = '';
  let superset = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const escape = escapeLength(source, i);
      superset += source.slice(i, i + escape);
      i += escape;
    } else if (c === '[') {
      const end = classEnd(source, i);
      const body = source.slice(i, end);
      literalText += body.replace(/\\./g, '');
      superset += body;
      i = end;
    } else if (c === '(' && LOOKAROUND.test(source.slice(i, i + 4))) {
      i = groupEnd(source, i);
      superset += '(?:)';
    } else if (c === '^' || c === '$') {
      superset += '(?:)';
      i += 1;
    } else {
      literalText += c;
      superset += c;
      i += 1;
    }
  }
  return { literalText, superset };
}

/** Length of the escape at `i` (`\d`, `\u{1F600}`, `\p{Lu}`, `\x41`, `\cA`…). */
function escapeLength(source: string, i: number): number {
  const next = source[i + 1];
  if ((next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{') {
    const close = source.indexOf('}', i + 3);
    return close < 0 ? 2 : close - i + 1;
  }
  if (next === 'u') return 6;
  if (next === 'x') return 4;
  if (next === 'c') return 3;
  return Math.min(2, source.length - i);
}

/** Index just past the class opening at `i`. */
function classEnd(source: string, i: number): number {
  let k = i + 1;
  if (source[k] === '^') k++;
  if (source[k] === ']') k++;
  while (k < source.length && source[k] !== ']') k += source[k] === '\\' ? 2 : 1;
  return Math.min(source.length, k + 1);
}

/** Index just past the group opening at `i`, its nested groups and classes included. */
function groupEnd(source: string, i: number): number {
  let depth = 0;
  let k = i;
  while (k < source.length) {
    const c = source[k]!;
    if (c === '\\') k += 2;
    else if (c === '[') k = classEnd(source, k);
    else {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return k + 1;
      k++;
    }
  }
  return source.length;
}
