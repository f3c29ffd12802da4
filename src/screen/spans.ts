// The screen model's unit: a line is a few styled spans of prepared text (already safe, already
// cut to width). The Ink layer draws each line as one <Text> with a nested <Text> per styled span;
// the first frame writes the same spans as SGR sequences (ansi.ts). Neither decides anything.
import { fit } from './format.js';
import { displayColumns } from './hscroll.js';
import type { Colour } from './palette.js';

export interface Span {
  text: string;
  color?: Colour;
  bold?: boolean;
  inverse?: boolean;
}

export type Line = readonly Span[];

export function span(text: string, color?: Colour, bold = false): Span {
  return { text, ...(color ? { color } : {}), ...(bold ? { bold } : {}) };
}

/** A line of one span. */
export function line(text: string, color?: Colour, bold = false): Line {
  return [span(text, color, bold)];
}

/** Every span of `l` drawn inverse (the selected row). */
export function inverse(l: Line): Line {
  return l.map((s) => ({ ...s, inverse: true }));
}

/** The line's characters without styling (tests, widths). */
export function plain(l: Line): string {
  let out = '';
  for (const s of l) out += s.text;
  return out;
}

/** The line cut to `width` columns (its spans are already safe text; wide characters count 2). */
export function cutLine(l: Line, width: number): Line {
  const out: Span[] = [];
  let left = width;
  for (const s of l) {
    if (left <= 0) break;
    const columns = displayColumns(s.text);
    out.push(columns <= left ? s : { ...s, text: fit(s.text, left) });
    left -= columns;
  }
  return out;
}

/** Whether two lines draw the same (the same spans, styled alike). */
export function sameLine(a: Line, b: Line): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.text !== y.text || x.color !== y.color || x.bold !== y.bold || x.inverse !== y.inverse)
      return false;
  }
  return true;
}

/** Whether two lists of lines draw the same. */
export function sameLines(a: readonly Line[], b: readonly Line[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameLine(a[i]!, b[i]!)) return false;
  return true;
}
