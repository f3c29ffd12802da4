// The service table as lines: a header and only the rows that fit, the selected one kept in view
// and drawn inverse; STATE coloured by state, HEALTH by its verdict, TIME by how fresh the state
// is. While services are marked, every name has a two-column gutter and the marked ones a `*`.
import type { ServiceId, ServiceRow } from '../store/model.js';
import type { SortOrder } from '../store/sort.js';
import { cellTexts, headerLine, type Column } from './columns.js';
import { PENDING } from './figures.js';
import { freshness, msUntilChange, rowCells } from './format.js';
import type { Palette } from './palette.js';
import { inverse, line, span, type Line, type Span } from './spans.js';

export interface TableInput {
  rows: readonly ServiceRow[];
  columns: readonly Column[];
  selected: ServiceId | undefined;
  /** Lines, the header included. */
  height: number;
  nowMs: number;
  palette: Palette;
  focused: boolean;
  /** The active filter: with no row left, the table says nothing matches it. */
  filter: string;
  sort?: SortOrder;
  marks?: ReadonlySet<ServiceId>;
}

/** The gutter before every name while any service is marked. */
export const MARK = '* ';

/** The first row index to show so that `selectedIndex` is inside a window of `height` rows. */
export function windowStart(count: number, selectedIndex: number, height: number): number {
  if (count <= height || selectedIndex < 0) return 0;
  const half = Math.floor(height / 2);
  return Math.max(0, Math.min(selectedIndex - half, count - height));
}

/** The rows on screen (for the source's interest and the time tick). */
export function shownRows(
  rows: readonly ServiceRow[],
  selected: ServiceId | undefined,
  height: number,
): readonly ServiceRow[] {
  const body = Math.max(1, height - 1);
  const start = windowStart(
    rows.length,
    rows.findIndex((r) => r.id === selected),
    body,
  );
  return rows.slice(start, start + body);
}

export function tableLines(input: TableInput): Line[] {
  const { rows, columns, palette, height } = input;
  const out: Line[] = [
    line(
      headerLine(columns, input.focused, input.sort),
      input.focused ? palette.accent : undefined,
      true,
    ),
  ];
  const marks = input.marks && input.marks.size > 0 ? input.marks : undefined;
  const layout = columnsKey(columns);
  for (const row of shownRows(rows, input.selected, height)) {
    const mark = marks ? (marks.has(row.id) ? MARK : ' '.repeat(MARK.length)) : '';
    const l = drawnRow(row, columns, layout, input.nowMs, palette, mark);
    out.push(row.id === input.selected ? inverse(l) : l);
  }
  if (rows.length === 0) {
    const text = input.filter
      ? `no service matches /${input.filter} (Esc clears)`
      : 'no services in this tree';
    out.push(line(text, palette.dim));
  }
  while (out.length < height) out.push([]);
  return out.slice(0, height);
}

/**
 * A row's line, drawn again only when the row, the columns or the mark changed or the clock
 * reached the moment its TIME text, freshness colour or trouble changes (msUntilChange): a key
 * that scrolls the table or gives it the log's room, and every frame of a followed log, redraw
 * rows that look the same. The answer is rowLine's; only its cost changes.
 */
function drawnRow(
  row: ServiceRow,
  columns: readonly Column[],
  layout: string,
  nowMs: number,
  palette: Palette,
  mark: string,
): Line {
  let rows = drawn.get(palette);
  if (!rows) drawn.set(palette, (rows = new WeakMap()));
  const known = rows.get(row);
  if (known && known.layout === layout && known.mark === mark) {
    if (nowMs >= known.fromMs && nowMs < known.untilMs) return known.line;
  }
  const line = rowLine(row, columns, nowMs, palette, mark);
  rows.set(row, { layout, mark, line, fromMs: nowMs, untilMs: nowMs + unchangedFor(row, nowMs) });
  return line;
}

/** msUntilChange, and the freshness colour of a row known only by when the console saw it change. */
function unchangedFor(row: ServiceRow, nowMs: number): number {
  const ms = msUntilChange(row, nowMs);
  if (row.observation?.sinceMs !== undefined || row.changedMs === undefined) return ms;
  const age = nowMs - row.changedMs;
  return Math.min(ms, age < 5000 ? 5000 - age : age < 30_000 ? 30_000 - age : Infinity);
}

const drawn = new WeakMap<
  Palette,
  WeakMap<ServiceRow, { layout: string; mark: string; line: Line; fromMs: number; untilMs: number }>
>();

function columnsKey(columns: readonly Column[]): string {
  let key = '';
  for (const c of columns) key += `${c.key}:${c.width}:${c.align},`;
  return key;
}

export function rowLine(
  row: ServiceRow,
  columns: readonly Column[],
  nowMs: number,
  palette: Palette,
  mark = '',
): Line {
  const cells = rowCells(row, nowMs);
  if (mark) cells.name = mark + cells.name;
  const wantUp = row.observation?.status?.want !== 'down';
  const spans: Span[] = [];
  let plain = '';
  const flush = () => {
    if (plain) spans.push(span(plain));
    plain = '';
  };
  cellTexts(columns, cells).forEach((p, i) => {
    if (i > 0) plain += ' ';
    const colour =
      p.key === 'state'
        ? palette.state(cells.state, wantUp)
        : p.key === 'time'
          ? palette.fresh(freshness(row, nowMs))
          : p.key === 'health' && row.health
            ? palette.health(row.health.code)
            : (p.key === 'cpu' || p.key === 'mem' || p.key === 'health') && cells[p.key] === PENDING
              ? palette.dim
              : undefined;
    if (colour === undefined) plain += p.text;
    else {
      flush();
      spans.push(span(p.text, colour));
    }
  });
  flush();
  return spans;
}
