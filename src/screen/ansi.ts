// The screen model as terminal bytes, for the first frame: drawn the moment the tree has been read,
// before Ink and React have loaded (~0.3 s of the first-screen budget). Ink's first frame draws the
// same model over it from the top-left corner, so the characters are the same and only keys start
// to work.
import type { Colour } from './palette.js';
import type { Line } from './spans.js';

const sgr: Record<NonNullable<Colour>, string> = {
  green: '32',
  red: '31',
  yellow: '33',
  gray: '90',
  cyan: '36',
  magenta: '35',
  blue: '34',
};

export function lineToAnsi(l: Line): string {
  let out = '';
  for (const s of l) {
    const codes = [s.bold ? '1' : '', s.inverse ? '7' : '', s.color ? sgr[s.color] : ''].filter(
      Boolean,
    );
    out += codes.length ? `\x1b[${codes.join(';')}m${s.text}\x1b[0m` : s.text;
  }
  return out;
}

/** The bytes to write on a cleared screen; they end with the cursor back at the top-left. */
export function screenToAnsi(lines: readonly Line[]): string {
  return `\x1b[H${lines.map((l) => `${lineToAnsi(l)}\x1b[K`).join('\r\n')}\x1b[H`;
}
