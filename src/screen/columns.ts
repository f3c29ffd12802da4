// The table's columns and their widths for a terminal width: pure, so every size can be tested.
import type { SortOrder } from '../store/sort.js';
import { narrowHealth } from './figures.js';
import { fit, type Cells } from './format.js';

export type ColumnKey = keyof Cells;

export interface Column {
  key: ColumnKey;
  title: string;
  width: number;
  align: 'left' | 'right';
}

interface ColumnSpec {
  key: ColumnKey;
  title: string;
  min: number;
  max: number;
  align: 'left' | 'right';
}

/** In the table's order, which is also the order `<` and `>` step the sort through. */
const specs: readonly ColumnSpec[] = [
  { key: 'name', title: 'SERVICE', min: 10, max: 28, align: 'left' },
  { key: 'state', title: 'STATE', min: 12, max: 12, align: 'left' },
  { key: 'pid', title: 'PID', min: 7, max: 8, align: 'right' },
  { key: 'time', title: 'TIME', min: 6, max: 8, align: 'right' },
  { key: 'cpu', title: 'CPU%', min: 5, max: 6, align: 'right' },
  { key: 'mem', title: 'MEM', min: 5, max: 6, align: 'right' },
  { key: 'health', title: 'HEALTH', min: 8, max: 11, align: 'left' },
  { key: 'normally', title: 'NORM', min: 4, max: 6, align: 'left' },
  { key: 'want', title: 'WANT', min: 4, max: 6, align: 'left' },
  { key: 'restarts', title: 'RST', min: 3, max: 8, align: 'right' },
  { key: 'lastExit', title: 'LAST EXIT', min: 10, max: Infinity, align: 'left' },
  { key: 'log', title: 'LOG', min: 6, max: 6, align: 'left' },
];

/**
 * Which columns give way first when the terminal is too narrow for all of them: the logger's
 * state, then what the supervisor wants (the state words say when it matters: `ignores TERM`),
 * the normal state, restarts, the last exit, memory, health, CPU, the time, the pid. The name
 * and the state never go.
 */
const dropOrder: readonly ColumnKey[] = [
  'log',
  'want',
  'normally',
  'restarts',
  'lastExit',
  'mem',
  'health',
  'cpu',
  'time',
  'pid',
  'state',
];

/** A column's title in the header, for the title line's "sorted by" too. */
export function columnTitle(key: ColumnKey): string {
  return specs.find((s) => s.key === key)?.title ?? key;
}

/**
 * Who gets spare width first, and up to how much: a readable state, then what has content — the
 * exit reason and the name (no wider than the longest name) — and only then padding for the
 * fixed-size columns, whose minimum already fits what they hold.
 */
const growth: readonly [ColumnKey, number][] = [
  ['state', 12],
  ['health', 11],
  ['lastExit', 16],
  ['name', 20],
  ['lastExit', 24],
  ['name', 28],
  ['lastExit', 60],
  ['pid', 8],
  ['time', 8],
  ['cpu', 6],
  ['mem', 6],
  ['normally', 6],
  ['want', 6],
  ['restarts', 4],
  ['log', 6],
  // Whatever is left: exit reasons and problems ("unable to start run: …") read in full.
  ['lastExit', Infinity],
];

/**
 * One space between columns. Too narrow for all of them at their minimum: drop columns in
 * `dropOrder` (LOG first, the name never). Spare width goes out in `growth` order.
 */
export function layoutColumns(totalWidth: number, content: { name?: number } = {}): Column[] {
  // The name column grows to the longest name (and the header's `▶ SERVICE`), no further.
  const nameNeed = Math.max(specs[0]!.min, (content.name ?? Infinity) + 1);
  let kept = [...specs];
  const needed = (list: readonly ColumnSpec[]) =>
    list.reduce((sum, s) => sum + s.min, 0) + list.length - 1;
  for (const key of dropOrder) {
    if (needed(kept) <= totalWidth) break;
    kept = kept.filter((s) => s.key !== key);
  }
  const widths = new Map(kept.map((s) => [s.key, s.min] as [ColumnKey, number]));
  let spare = totalWidth - needed(kept);
  if (spare < 0) widths.set('name', Math.max(1, specs[0]!.min + spare));
  for (const [key, cap] of growth) {
    const spec = kept.find((s) => s.key === key);
    const width = widths.get(key);
    if (!spec || width === undefined || spare <= 0) continue;
    const limit = Math.min(cap, spec.max, key === 'name' ? nameNeed : Infinity);
    const grow = Math.max(0, Math.min(spare, limit - width));
    widths.set(key, width + grow);
    spare -= grow;
  }
  return kept.map((s) => ({
    key: s.key,
    title: s.title,
    width: widths.get(s.key)!,
    align: s.align,
  }));
}

/**
 * The header; `focused` marks the table as the pane keys go to with a `▶` before SERVICE (inside
 * the name column, so the other titles stay over their columns): visible without colour. A sort
 * other than by name marks its column's title with ▼ (descending) or ▲.
 */
export function headerLine(columns: readonly Column[], focused = false, sort?: SortOrder): string {
  return columns
    .map((c, i) => {
      const sorted = sort && sort.key === c.key && !(sort.key === 'name' && !sort.descending);
      const title = sorted ? `${c.title}${sortArrow(sort)}` : c.title;
      return fit(i === 0 && focused ? `${FOCUS_MARK} ${title}` : title, c.width, c.align);
    })
    .join(' ');
}

export function sortArrow(sort: SortOrder): string {
  return sort.descending ? '▼' : '▲';
}

/** Marks the focused pane's title (table header, log title) without relying on colour. */
export const FOCUS_MARK = '▶';

/** Each cell padded to its column, in column order (the caller colours some of them). */
export function cellTexts(
  columns: readonly Column[],
  cells: Cells,
): { key: ColumnKey; text: string }[] {
  return columns.map((c) => {
    const text = c.key === 'health' ? narrowHealth(cells.health, c.width) : String(cells[c.key]);
    return { key: c.key, text: fit(text, c.width, c.align) };
  });
}
