// Charts of a series over time in block elements (▁▂▃▄▅▆▇█): one column per slice of the span,
// its height in eighths of a row, so a 2-row chart still has 16 levels. Chosen over braille line
// charts (drawille, as blessed-contrib draws them; the README compares both): a filled column
// reads at a glance at 80×24, keeps its meaning without colour, and every terminal font draws
// the blocks solid and aligned, where braille dots are faint and their spacing varies. Pure.

/** A value at a moment; `value` undefined: nothing measured then (down, or not known). */
export interface TimedValue {
  atMs: number;
  value: number | undefined;
}

const EIGHTHS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * The span [fromMs, toMs] cut into `columns` equal slices, each slice's highest value (peaks are
 * what an operator looks for); undefined where the slice holds no measured value.
 */
export function slices(
  points: readonly TimedValue[],
  fromMs: number,
  toMs: number,
  columns: number,
): (number | undefined)[] {
  const out = new Array<number | undefined>(Math.max(0, columns)).fill(undefined);
  const span = Math.max(1, toMs - fromMs);
  for (const p of points) {
    if (p.value === undefined || p.atMs < fromMs || p.atMs > toMs) continue;
    const column = Math.min(columns - 1, Math.floor(((p.atMs - fromMs) / span) * columns));
    const was = out[column];
    if (was === undefined || p.value > was) out[column] = p.value;
  }
  return out;
}

/** Round tops, close enough above a peak that the chart uses most of its height. */
const STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The least round number (a step × 10^k) at or above `value`, at least `floor`: a chart's top. */
export function niceCeiling(value: number, floor = 1): number {
  const v = Math.max(value, floor);
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of STEPS) if (step * power >= v * (1 - 1e-12)) return round(step * power);
  return round(10 * power);
}

/** 1.2 × 0.1 is 0.12000000000000001 in binary: keep the decimal a person would write. */
function round(v: number): number {
  return Number(v.toPrecision(6));
}

/** What the bottom row shows where nothing was measured (down, before the history began). */
export const NONE = '·';

/**
 * `height` rows of block characters, top row first, one character per value. A measured value
 * above zero shows at least a ▁ (a little is not nothing); a measured zero is blank; a slice with
 * no measurement is a dotted baseline.
 */
export function blockRows(
  values: readonly (number | undefined)[],
  height: number,
  top: number,
): string[] {
  const rows: string[] = [];
  const levels: number[] = [];
  for (const v of values) levels.push(level(v, height, top));
  for (let row = 0; row < height; row++) {
    const below = (height - 1 - row) * 8;
    let text = '';
    for (const filled of levels)
      text += filled < 0 ? (below === 0 ? NONE : ' ') : EIGHTHS[clamp(filled - below, 0, 8)]!;
    rows.push(text);
  }
  return rows;
}

/** Eighths of the chart's height a value fills; −1: not measured. */
function level(v: number | undefined, height: number, top: number): number {
  if (v === undefined || !Number.isFinite(v)) return -1;
  const eighths = Math.round((Math.min(v, top) / top) * height * 8);
  return v > 0 ? Math.max(1, eighths) : 0;
}

function clamp(v: number, low: number, high: number): number {
  return Math.min(Math.max(v, low), high);
}
