// A search's hits over a merged timeline, counted in the background: each service's restart
// markers in memory, each log directory by chunks (in a worker thread when built), among the
// lines the filters show, log after log; and the count as the window's search facts.
import type { LogSearchFacts } from '../../source/port.js';
import type { LogFiles } from '../files.js';
import { countInBackground } from '../search/background-count.js';
import { chunkMatcher, queryLines } from '../search/filters.js';
import type { SearchQuery } from '../search/query.js';
import { SearchRun } from '../search/search-run.js';
import { amongShown, type MergedFilters } from './merged-filters.js';
import type { MergedLog } from './merged-search.js';

/** A search on a merged timeline, and its count so far. */
export interface MergedSearchState {
  query: SearchQuery;
  literal: boolean;
  total: number;
  scanned: number;
  size: number;
  done: boolean;
  cancelled: boolean;
}

export interface HitCountDeps {
  files: LogFiles;
  filters: MergedFilters | undefined;
  /** The directories' counts under way (cancelled with the search). */
  runs: Set<SearchRun>;
  /** The search is still the current one. */
  current: () => boolean;
  notify: () => void;
}

/** Count the search's hits into `state`, log after log, until done or superseded. */
export async function countMergedHits(
  logs: readonly MergedLog[],
  state: MergedSearchState,
  deps: HitCountDeps,
): Promise<void> {
  const matcher = chunkMatcher(state.query);
  const { files, filters, runs } = deps;
  state.size = logs.reduce(
    (sum, l) => sum + (l.dir ? files.list(l.dir).reduce((s, x) => s + x.size, 0) : 0),
    0,
  );
  for (const log of logs) {
    if (!deps.current()) return;
    if (log.markers) {
      state.total += log.markers().filter((m) => {
        matcher.query.test.lastIndex = 0;
        return matcher.query.test.test(m.text) !== matcher.query.invert;
      }).length;
      continue;
    }
    const select = amongShown((c) => queryLines(c, matcher), filters?.filters);
    const run = new SearchRun({ files, dir: log.dir! }, select, matcher);
    runs.add(run);
    const before = { total: state.total, scanned: state.scanned };
    const spec = {
      query: { text: state.query.text, literal: state.literal },
      ...(filters ? { filters: filters.specs } : {}),
    };
    const done = await countInBackground(run, log.dir!, files.list(log.dir!), spec, (p) => {
      state.total = before.total + p.total;
      state.scanned = before.scanned + p.scanned;
      deps.notify();
    });
    runs.delete(run);
    if (done.cancelled) return;
  }
  state.done = true;
  deps.notify();
}

export function searchFacts(s: MergedSearchState): LogSearchFacts {
  return {
    query: s.query.text,
    running: !s.done && !s.cancelled,
    total: s.total,
    fraction: s.size > 0 ? Math.min(1, s.scanned / s.size) : 1,
    ...(s.cancelled ? { cancelled: true } : {}),
  };
}
