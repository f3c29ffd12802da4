// Sideways scrolling of the log pane (pure): a line already made safe by sanitizeLine (with no
// width, so nothing is cut) seen from column `from`, in `width` columns. What is cut off on the
// right ends in `…`; a wide character split by either edge becomes a space.
import { charWidth } from '../logview/char-width.js';

/** How many columns a safe line takes. */
export function displayColumns(line: string): number {
  let cols = 0;
  for (const ch of line) cols += charWidth(ch.codePointAt(0)!);
  return cols;
}

/** Columns `from` … `from + width` of a safe line; `…` in the last column when more follows. */
export function shiftLine(line: string, from: number, width: number): string {
  if (width <= 0) return '';
  let col = 0;
  let out = '';
  let used = 0;
  const chars = [...line];
  let i = 0;
  for (; i < chars.length && col < from; i++) {
    const w = charWidth(chars[i]!.codePointAt(0)!);
    if (col + w > from) {
      out += ' '.repeat(col + w - from); // the right half of a wide character
      used += col + w - from;
    }
    col += w;
  }
  for (; i < chars.length; i++) {
    const ch = chars[i]!;
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width) break;
    out += ch;
    used += w;
  }
  if (i >= chars.length) return out;
  // More follows: make room for the marker.
  const kept = [...out];
  while (kept.length > 0 && used + 1 > width) used -= charWidth(kept.pop()!.codePointAt(0)!);
  return `${kept.join('')}${' '.repeat(Math.max(0, width - 1 - used))}…`;
}
