// Make one log line safe and measurable for the terminal (pure). No byte of a log may act on
// the terminal, yet the operator must see that something was there, so nothing is silently
// dropped; everything is shown `cat -v`-style:
//   ESC → `^[` (so `ESC ] 0 ; X BEL` reads `^[]0;X^G`: CSI, OSC, DCS, SOS/PM/APC lose their
//   introducer and are plain text), other C0 controls → `^@`…`^_` (BEL `^G`, BS `^H`, CR `^M`),
//   DEL → `^?`, C1 controls U+0080–U+009F (which the byte decoder also produces for raw C1
//   bytes: `\x9b`) → `\x9b`, bidirectional overrides and line separators → `<U+202E>`, lone
//   surrogates → U+FFFD. TAB expands to spaces at 8-column stops; wide characters count two
//   columns. A line wider than `width` is cut and ends with `… [+N bytes]`, counting the bytes
//   not shown (including any the reader already cut, see cutMarker). Work is bounded by the
//   width, not by the length of the line (except one byte count of the cut tail). With
//   `colors: 'strip'`, SGR sequences alone (colours) are dropped instead.
import { charWidth } from './char-width.js';

export interface SanitizeOptions {
  /** Columns available; lines wider are cut with a marker. Default: no limit. */
  width?: number;
  /**
   * `strip`: drop whole SGR sequences (colours and text attributes, `ESC [ 1;31 m`), which
   * coloured loggers write on every line and which act on nothing but the colour; `show`
   * (default): show them like every other sequence, `^[[1;31m`.
   */
  colors?: 'show' | 'strip';
}

/** An SGR sequence at the start of the string: ESC or CSI (U+009B), parameters, `m`. */
// eslint-disable-next-line no-control-regex -- matching ESC is the point here
const SGR = /^(?:\x1b\[|\u009b)[0-9;:]{0,64}m/;

/** The marker the reader appends to a line it cut after reading `keptBytes` of it. */
export function cutMarker(skippedBytes: number, atLeast = false): string {
  return `… [+${skippedBytes}${atLeast ? '+' : ''} bytes]`;
}

/** Printable ASCII only: nothing to replace, one column each. */
const PLAIN = /^[\x20-\x7e]*$/;

const READER_MARKER = /… \[\+(\d+)(\+?) bytes\]$/;

interface Piece {
  text: string;
  cols: number;
  /** Index in the input just past this piece. */
  next: number;
}

export function sanitizeLine(line: string, options: SanitizeOptions = {}): string {
  const width = options.width ?? Infinity;
  if (line.length <= width && PLAIN.test(line)) return line; // the common case, untouched
  const pieces: Piece[] = [];
  let cols = 0;
  let i = 0;
  const strip = options.colors === 'strip';
  while (i < line.length) {
    const cp = line.codePointAt(i)!;
    if (strip && (cp === 0x1b || cp === 0x9b)) {
      const sgr = SGR.exec(line.slice(i, i + 70));
      if (sgr) {
        i += sgr[0].length;
        continue;
      }
    }
    const size = cp > 0xffff ? 2 : 1;
    const text = display(cp, cols);
    const w = text === undefined ? charWidth(cp) : columns(text);
    if (cols + w > width) break;
    pieces.push({ text: text ?? String.fromCodePoint(cp), cols: w, next: i + size });
    cols += w;
    i += size;
  }
  if (i >= line.length) return pieces.map((p) => p.text).join('');
  return withMarker(line, pieces, cols, width);
}

/** Cut `pieces` back until the marker for the rest fits in `width`, and append it. */
function withMarker(line: string, pieces: Piece[], cols: number, width: number): string {
  const kept = [...pieces];
  let markerCols = 0;
  for (let round = 0; round < 3; round++) {
    while (kept.length > 0 && cols + markerCols > width) cols -= kept.pop()!.cols;
    const marker = restMarker(line, kept.at(-1)?.next ?? 0);
    if (cols + marker.length <= width) return kept.map((p) => p.text).join('') + marker;
    markerCols = marker.length;
  }
  // Too narrow for the marker: as much as fits, then `…`.
  let narrow = '';
  let used = 0;
  for (const piece of pieces) {
    if (used + piece.cols > width - 1) break;
    narrow += piece.text;
    used += piece.cols;
  }
  return width >= 1 ? narrow + '…' : '';
}

function restMarker(line: string, from: number): string {
  const rest = line.slice(from);
  const reader = READER_MARKER.exec(rest);
  if (!reader) return cutMarker(Buffer.byteLength(rest));
  const shown = Buffer.byteLength(rest.slice(0, reader.index));
  return cutMarker(shown + Number(reader[1]), reader[2] === '+');
}

/** The visible replacement of a code point, or undefined when it is shown as itself. */
function display(cp: number, col: number): string | undefined {
  if (cp === 0x09) return ' '.repeat(8 - (col % 8));
  if (cp < 0x20) return '^' + String.fromCharCode(cp + 0x40);
  if (cp === 0x7f) return '^?';
  if (cp < 0x80) return undefined;
  if (cp < 0xa0) return '\\x' + cp.toString(16);
  if (cp >= 0xd800 && cp <= 0xdfff) return '\ufffd';
  if (
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  ) {
    return `<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
  }
  return undefined;
}

/** Columns of a replacement text (ASCII, or U+FFFD). */
function columns(text: string): number {
  return text.length;
}
