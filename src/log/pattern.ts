// multilog's pattern matching (spec §4.4): anchored at both ends, byte by byte, no escapes and no
// backtracking. A final `*` takes the rest of the line; a `*` before byte c skips to the first c.

const STAR = 42;

/** Whether `pattern` matches line[start, end). */
export function matchPattern(
  pattern: Uint8Array,
  line: Uint8Array,
  start: number,
  end: number,
): boolean {
  let p = 0;
  let i = start;
  while (p < pattern.length) {
    const c = pattern[p]!;
    if (c === STAR) {
      if (p + 1 === pattern.length) return true;
      const next = pattern[p + 1]!;
      while (i < end && line[i] !== next) i++;
      if (i === end) return false;
      p++;
      continue;
    }
    if (i === end || line[i] !== c) return false;
    i++;
    p++;
  }
  return i === end;
}
