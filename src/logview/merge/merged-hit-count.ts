// A search's hits over a merged timeline, counted in the background: each service's restart
// markers in memory, each log directory by chunks (in a worker thread when built), among the
// lines the filters show, log after log, counting on as the logs grow; and the count as the
// window's search facts.
import type { LogSearchFacts } from '../../source/port.js';
import type { LogFiles } from '../files.js';
import { countInBackground } from '../search/background-count.js';
import { chunkMatcher, queryLines } from '../search/filters.js';
import type { SearchQuery } from '../search/query.js';
import { CountOn } from '../search/count-on.js';
import { SearchRun, type SearchProgress } from '../search/search-run.js';
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

/**
 * Count the search's hits into `state`, log after log, until done or superseded. The returned
 * function counts on over what the logs gained since (new lines, new restart markers): each log
 * whose count is done counts on from where it ended (CountOn), its run kept in `runs`.
 */
export function countMergedHits(
  logs: readonly MergedLog[],
  state: MergedSearchState,
  deps: HitCountDeps,
): () => void {
  const matcher = chunkMatcher(state.query);
  const { files, filters, runs } = deps;
  const totals = logs.map(() => 0);
  const scanned = logs.map(() => 0);
  const sizes = logs.map((l) => (l.dir ? files.list(l.dir).reduce((s, x) => s + x.size, 0) : 0));
  const sum = (figures: number[]) => figures.reduce((a, b) => a + b, 0);
  const tell = () => {
    state.total = sum(totals);
    state.scanned = sum(scanned);
    state.size = sum(sizes);
    deps.notify();
  };
  const markerHits = (markers: () => readonly { text: string }[]) =>
    markers().filter((m) => {
      matcher.query.test.lastIndex = 0;
      return matcher.query.test.test(m.text) !== matcher.query.invert;
    }).length;
  const countsOn: CountOn[] = [];
  const markerLogs = new Set<number>();
  const count = async () => {
    for (const [i, log] of logs.entries()) {
      if (!deps.current()) return;
      if (log.markers) {
        totals[i] = markerHits(log.markers);
        markerLogs.add(i);
        continue;
      }
      const select = amongShown((c) => queryLines(c, matcher), filters?.filters);
      const run = new SearchRun({ files, dir: log.dir! }, select, matcher);
      runs.add(run);
      const spec = {
        query: { text: state.query.text, literal: state.literal },
        ...(filters ? { filters: filters.specs } : {}),
      };
      const report = (p: SearchProgress) => {
        if (!deps.current()) return;
        totals[i] = p.total;
        scanned[i] = p.scanned;
        sizes[i] = p.size;
        tell();
      };
      const done = await countInBackground(run, log.dir!, files.list(log.dir!), spec, report);
      if (done.cancelled) return;
      countsOn.push(new CountOn(run, report).after(Promise.resolve(done)));
    }
    state.done = true;
    tell();
  };
  void count();
  return () => {
    if (!deps.current()) return;
    for (const i of markerLogs) totals[i] = markerHits(logs[i]!.markers!);
    for (const countOn of countsOn) countOn.changed();
    tell();
  };
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
