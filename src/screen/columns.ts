// The table's columns and their widths for a terminal width: pure, so every size can be tested.
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

const specs: readonly ColumnSpec[] = [
  { key: 'name', title: 'SERVICE', min: 10, max: 28, align: 'left' },
  { key: 'state', title: 'STATE', min: 6, max: 12, align: 'left' },
  { key: 'pid', title: 'PID', min: 7, max: 8, align: 'right' },
  { key: 'time', title: 'TIME', min: 6, max: 8, align: 'right' },
  { key: 'normally', title: 'NORM', min: 4, max: 6, align: 'left' },
  { key: 'want', title: 'WANT', min: 4, max: 6, align: 'left' },
  { key: 'restarts', title: 'RST', min: 3, max: 8, align: 'right' },
  { key: 'lastExit', title: 'LAST EXIT', min: 10, max: Infinity, align: 'left' },
  { key: 'log', title: 'LOG', min: 6, max: 6, align: 'left' },
];

/**
 * Who gets spare width first, and up to how much: a readable state, then what has content — the
 * exit reason and the name (no wider than the longest name) — and only then padding for the
 * fixed-size columns, whose minimum already fits what they hold.
 */
const growth: readonly [ColumnKey, number][] = [
  ['state', 12],
  ['lastExit', 16],
  ['name', 20],
  ['lastExit', 24],
  ['name', 28],
  ['lastExit', 60],
  ['pid', 8],
  ['time', 8],
  ['normally', 6],
  ['want', 6],
  ['restarts', 4],
  ['log', 6],
  // Whatever is left: exit reasons and problems ("unable to start run: …") read in full.
  ['lastExit', Infinity],
];

/**
 * One space between columns. Too narrow for all of them at their minimum: drop columns from the
 * right (LOG first, the name never). Spare width goes out in `growth` order.
 */
export function layoutColumns(totalWidth: number, content: { name?: number } = {}): Column[] {
  // The name column grows to the longest name (and the header's `▶ SERVICE`), no further.
  const nameNeed = Math.max(specs[0]!.min, (content.name ?? Infinity) + 1);
  const kept = [...specs];
  const needed = (list: readonly ColumnSpec[]) =>
    list.reduce((sum, s) => sum + s.min, 0) + list.length - 1;
  while (kept.length > 1 && needed(kept) > totalWidth) kept.pop();
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
 * the name column, so the other titles stay over their columns): visible without colour.
 */
export function headerLine(columns: readonly Column[], focused = false): string {
  return columns
    .map((c, i) => fit(i === 0 && focused ? `${FOCUS_MARK} ${c.title}` : c.title, c.width, c.align))
    .join(' ');
}

/** Marks the focused pane's title (table header, log title) without relying on colour. */
export const FOCUS_MARK = '▶';

/** Each cell padded to its column, in column order (the caller colours some of them). */
export function cellTexts(
  columns: readonly Column[],
  cells: Cells,
): { key: ColumnKey; text: string }[] {
  return columns.map((c) => ({ key: c.key, text: fit(String(cells[c.key]), c.width, c.align) }));
}
