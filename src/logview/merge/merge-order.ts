// The order of one merged timeline of several services (pure): by the instant of each line's
// stamp; lines without a stamp go with the stamped line before them in their own log (a stack
// trace stays under the line that announced it), and the unstamped lines a log starts with go
// with its first stamped line. Equal instants keep the order of the services, then the order
// within each log, so the merge is stable and a window read twice reads the same.

export interface MergeItem {
  /** Index of the service (its rank for equal instants). */
  source: number;
  /** Microseconds of its stamp (labels' scale), undefined for a line without one. */
  at: number | undefined;
}

/** A stamped line and the unstamped ones that follow it, from one log. */
export interface MergeUnit<T extends MergeItem> {
  source: number;
  at: number;
  items: T[];
}

/** One log's lines (in file order) as units. */
export function unitsOf<T extends MergeItem>(items: readonly T[], source: number): MergeUnit<T>[] {
  const units: MergeUnit<T>[] = [];
  let leading: T[] = [];
  for (const item of items) {
    const last = units.at(-1);
    if (item.at !== undefined) units.push({ source, at: item.at, items: [...leading, item] });
    else if (last) last.items.push(item);
    else leading.push(item);
    if (item.at !== undefined) leading = [];
  }
  if (leading.length > 0) units.push({ source, at: -Infinity, items: leading });
  return units;
}

/** Is unit a before unit b in the merged order? */
export function before<T extends MergeItem>(a: MergeUnit<T>, b: MergeUnit<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.source < b.source);
}

/**
 * Several logs' units (each in its own order) merged. A k-way merge: each log keeps its own
 * order even where its stamps go backwards (a clock step), as a reader of that log expects.
 */
export function mergeUnits<T extends MergeItem>(logs: readonly MergeUnit<T>[][]): MergeUnit<T>[] {
  const heads = logs.map(() => 0);
  const out: MergeUnit<T>[] = [];
  for (;;) {
    let pick = -1;
    for (let s = 0; s < logs.length; s++) {
      const unit = logs[s]![heads[s]!];
      if (unit && (pick < 0 || before(unit, logs[pick]![heads[pick]!]!))) pick = s;
    }
    if (pick < 0) return out;
    out.push(logs[pick]![heads[pick]!]!);
    heads[pick] = heads[pick]! + 1;
  }
}

/** Several logs' lines merged into one list. */
export function mergeLines<T extends MergeItem>(logs: readonly (readonly T[])[]): T[] {
  return mergeUnits(logs.map((items, s) => unitsOf(items, s))).flatMap((u) => u.items);
}
