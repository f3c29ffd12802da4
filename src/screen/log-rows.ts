// One row of the log pane as styled spans (pure): the line's stamp decoded into the active zone
// (TAI64N labels, svlogd's UTC stamps and s6-log's local ones alike), every control sequence
// made harmless, cut to the width or seen from the sideways shift, and the search's hits drawn
// inverse (bold on the line the last step landed on) — inverse, so they show under NO_COLOR too;
// a line landed on without a search (an error step, a jump) is bold.
// The merged timeline prefixes each row with its service's name in its own colour; restart
// markers are bold.
import { sanitizeLine } from '../logview/sanitize.js';
import { decodeStampLine } from '../logview/time/decode-stamp.js';
import { charWidth } from '../logview/char-width.js';
import type { Zone } from '../time/zone.js';
import { displayColumns, shiftLine } from './hscroll.js';
import type { Colour } from './palette.js';
import type { Line, Span } from './spans.js';

export interface RowInput {
  raw: string;
  zone: Zone;
  /** The zone s6-log's local stamps were written in (the logging box's). */
  stampZone: Zone;
  width: number;
  shift: number;
  /** Spans of the search's hits, offsets into the raw line (end excluded). */
  hits?: readonly (readonly [number, number])[];
  landed?: boolean;
  marker?: boolean;
  markerColour?: Colour;
  prefix?: { text: string; colour: Colour };
  /** The plain row as drawn (memoised by the caller): decoded, safe, cut to `width`. */
  plain?: (raw: string, width: number) => string;
}

export function logRow(input: RowInput): Line {
  const prefix: Span[] = input.prefix
    ? [{ text: input.prefix.text, ...(input.prefix.colour ? { color: input.prefix.colour } : {}) }]
    : [];
  const width = Math.max(1, input.width - (input.prefix ? displayColumns(input.prefix.text) : 0));
  const hits = (input.hits ?? []).filter(([start, end]) => end > start);
  if (hits.length === 0) {
    // The common row: decoded, made safe and cut once, then kept by the caller (`plain`).
    const decode = () => decodeStampLine(input.raw, input.zone, input.stampZone).text;
    const text =
      input.shift > 0
        ? shiftLine(sanitizeLine(decode()), input.shift, width)
        : (input.plain?.(input.raw, width) ?? sanitizeLine(decode(), { width }));
    // A line stepped to without a search (e/E, w/W, a jump) is bold: the eye finds it.
    if (!input.marker) return [...prefix, { text, ...(input.landed ? { bold: true } : {}) }];
    return [
      ...prefix,
      { text, bold: true, ...(input.markerColour ? { color: input.markerColour } : {}) },
    ];
  }
  const decoded = decodeStampLine(input.raw, input.zone, input.stampZone);
  const moved = decoded.messageAt - decoded.rawMessageAt;
  const ranges = hits.map(([start, end]): [number, number] => [start + moved, end + moved]);
  return [...prefix, ...highlighted(decoded.text, ranges, input, width)];
}

/** The decoded line drawn with its hit ranges (offsets into `text`) inverse. */
function highlighted(
  text: string,
  ranges: readonly [number, number][],
  input: RowInput,
  width: number,
): Span[] {
  const safe = sanitizeLine(text);
  const limit = input.shift + width;
  const safeRanges = toSafe(text, ranges, limit);
  let shown: string;
  let pad = 0;
  let start = 0;
  if (input.shift > 0) {
    shown = shiftLine(safe, input.shift, width);
    ({ pad, start } = columnStart(safe, input.shift));
  } else shown = sanitizeLine(text, { width });
  const kept = commonPrefix(shown.slice(pad), safe.slice(start));
  const spans: Span[] = [];
  const push = (piece: string, hit: boolean) => {
    if (!piece) return;
    const last = spans.at(-1);
    const style = hit ? { inverse: true, ...(input.landed ? { bold: true } : {}) } : {};
    if (last && Boolean(last.inverse) === hit) last.text += piece;
    else spans.push({ text: piece, ...style });
  };
  push(shown.slice(0, pad), false);
  for (let k = 0; k < kept; k++) {
    const at = start + k;
    push(
      shown[pad + k]!,
      safeRanges.some(([s, e]) => at >= s && at < e),
    );
  }
  push(shown.slice(pad + kept), false);
  return spans;
}

/** Ranges of `text` as offsets into its safe form, as far as column `limit` reaches. */
function toSafe(
  text: string,
  ranges: readonly [number, number][],
  limit: number,
): [number, number][] {
  const out: [number, number][] = [];
  const at = (offset: number) => sanitizeLine(text.slice(0, Math.min(offset, text.length)));
  for (const [start, end] of ranges) {
    const before = at(start);
    if (displayColumns(before) > limit) break;
    out.push([before.length, at(end).length]);
  }
  return out;
}

/** Where column `from` starts in a safe line: its index, and the spaces standing for a wide
 * character cut in half (as shiftLine draws it). */
function columnStart(safe: string, from: number): { pad: number; start: number } {
  let col = 0;
  let index = 0;
  for (const ch of safe) {
    if (col >= from) break;
    const w = charWidth(ch.codePointAt(0)!);
    index += ch.length;
    if (col + w > from) return { pad: col + w - from, start: index };
    col += w;
  }
  return { pad: 0, start: index };
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
