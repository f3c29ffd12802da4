// The table's order: by the chosen column (store/sort.ts), the name breaking every tie, so two
// rows that show the same value never swap between a look and a key press. Values are what the
// cells show — CPU to the tenth shown, state and health by how much trouble they mean — and a
// row with nothing to show (a down service's CPU) stays below the rest in either direction.
import type { ServiceRow } from '../store/model.js';
import type { SortKey, SortOrder } from '../store/sort.js';
import { rowCells, trouble } from './format.js';
import { stateWord } from '../store/model.js';

type Value = number | string | undefined;

/** Trouble first: the order `state` sorts in ascending. */
const STATE_RANK: Record<string, number> = {
  'crash loop': 0,
  'ignores TERM': 0,
  error: 0,
  down: 1,
  finish: 2,
  paused: 2,
  'not ready': 2,
  up: 3,
  unsupervised: 4,
  'no access': 4,
  unknown: 5,
};

/** Trouble first: the order `health` sorts in ascending (more failing rules before fewer). */
const HEALTH_RANK: Record<string, number> = {
  failing: 0,
  'not-run': 1,
  unmonitored: 2,
  'not-ready': 3,
  ok: 4,
  'no-rules': 5,
};

function valueOf(row: ServiceRow, key: SortKey, nowMs: number): Value {
  switch (key) {
    case 'name':
      return row.name;
    case 'state': {
      const word = stateWord(row);
      return STATE_RANK[trouble(row, nowMs) ?? word] ?? 5;
    }
    case 'health': {
      const h = row.health;
      if (!h) return undefined;
      const rank = HEALTH_RANK[h.code] ?? 6;
      return h.code === 'failing' ? rank - h.failing / Math.max(1, h.rules) : rank;
    }
    case 'pid': {
      const pid = row.observation?.status?.pid ?? 0;
      return pid > 0 ? pid : undefined;
    }
    case 'time': {
      // Youngest first ascending: by the instant the state began, latest first.
      const since = row.observation?.sinceMs;
      return since === undefined ? undefined : -since;
    }
    case 'cpu': {
      const cpu = row.resources?.cpuPercent;
      return cpu === undefined ? undefined : Math.round(cpu * 10);
    }
    case 'mem':
      return row.resources?.rssKB;
    case 'restarts':
      return row.observation ? row.restarts : undefined;
    default: {
      const text = rowCells(row, nowMs)[key];
      return text === '' ? undefined : text;
    }
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The rows in the table's order (a new array; `rows` sorted by name is returned as it is). */
export function sortRows(
  rows: readonly ServiceRow[],
  order: SortOrder,
  nowMs: number,
): readonly ServiceRow[] {
  if (order.key === 'name' && !order.descending) return rows;
  const cached = memo.get(rows);
  // The state's trouble words change with the clock; every other value only with the rows.
  if (cached && cached.key === order.key && cached.descending === order.descending) {
    if (order.key !== 'state' || cached.nowMs === nowMs) return cached.sorted;
  }
  const sign = order.descending ? -1 : 1;
  const keyed = rows.map((row) => ({ row, value: valueOf(row, order.key, nowMs) }));
  keyed.sort((a, b) => {
    if (a.value !== b.value) {
      if (a.value === undefined) return 1;
      if (b.value === undefined) return -1;
      const c =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : compareNames(String(a.value), String(b.value));
      if (c !== 0) return sign * c;
    }
    return compareNames(a.row.name, b.row.name);
  });
  const sorted = keyed.map((k) => k.row);
  memo.set(rows, { ...order, nowMs, sorted });
  return sorted;
}

const memo = new WeakMap<
  readonly ServiceRow[],
  SortOrder & { nowMs: number; sorted: readonly ServiceRow[] }
>();
