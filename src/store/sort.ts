// What the table can be sorted by: one key per column, in the columns' order (`<` and `>` step
// through them as htop's do), and the direction each starts in when chosen: CPU, memory and
// restarts largest first; state and health rank trouble first in their own ascending order. The
// ordering itself is the screen model's (screen/sort.ts): it reads the cells.
export const SORT_KEYS = [
  'name',
  'state',
  'pid',
  'time',
  'cpu',
  'mem',
  'health',
  'normally',
  'want',
  'restarts',
  'lastExit',
  'log',
] as const;

export type SortKey = (typeof SORT_KEYS)[number];

export interface SortOrder {
  key: SortKey;
  /** Largest (or worst) first. */
  descending: boolean;
}

/** The table's order before any key: by name, as the design says. */
export const BY_NAME: SortOrder = { key: 'name', descending: false };

const WORST_FIRST: ReadonlySet<SortKey> = new Set(['cpu', 'mem', 'restarts']);

/** The next (1) or previous (−1) column's order, in its own starting direction. */
export function stepSort(order: SortOrder, direction: 1 | -1): SortOrder {
  const at = SORT_KEYS.indexOf(order.key);
  const key = SORT_KEYS[(at + direction + SORT_KEYS.length) % SORT_KEYS.length]!;
  return { key, descending: WORST_FIRST.has(key) };
}
