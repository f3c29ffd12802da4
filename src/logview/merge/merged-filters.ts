// Filters (`&`, `&!`, the filter list) on a merged timeline: each service's log directory read
// through them (filtered-stream.ts), restart markers always shown as in a single service's log;
// the lines they hide counted in the background, directory after directory; and each move's
// reads walked in slices before the merged window takes them, so no key waits on a rare filter.
import type { Zone } from '../../time/zone.js';
import type { LogFiles } from '../files.js';
import { shownAmong, shownLines, type Filters, type FilterSpec } from '../search/filters.js';
import type { CountOn } from '../search/count-on.js';
import { countHiddenLines, type BackgroundCount } from '../search/hidden-lines.js';
import type { LineSelector } from '../search/chunk-match.js';
import type { SearchProgress, SearchRun } from '../search/search-run.js';
import type { LogPosition } from '../types.js';
import { FilteredStream } from './filtered-stream.js';
import type { Stream } from './streams.js';

export interface MergedFilters {
  filters: Filters;
  /** The enabled filters as typed, for counts in a worker thread. */
  specs: FilterSpec[];
}

/** A log's streams seen through the filters (markers and other streams as they are). */
export function filteredStreams(
  plain: readonly Stream[],
  dirs: readonly (string | undefined)[],
  filters: Filters,
  deps: { files: LogFiles; stampZone: Zone; maxLineBytes?: number },
): Stream[] {
  return plain.map((stream, source) => {
    const dir = dirs[source];
    if (dir === undefined) return stream;
    return new FilteredStream({
      files: deps.files,
      dir,
      source,
      stampZone: deps.stampZone,
      select: (chunk) => shownLines(chunk, filters),
      maxLineBytes: deps.maxLineBytes ?? 4096,
    });
  });
}

/** What a selector picks among the lines the filters show (all of them without filters). */
export function amongShown(pick: LineSelector, filters: Filters | undefined): LineSelector {
  if (!filters) return pick;
  return (chunk) => shownAmong(pick(chunk), chunk, filters);
}

/**
 * Walk each filtered stream ahead of a move: `before` shown lines before its cursor and `after`
 * from it. False when cancelled (a newer move came).
 */
export async function prepareMove(
  streams: readonly Stream[],
  cursors: readonly (LogPosition | undefined)[],
  before: number,
  after: number,
  cancelled: () => boolean,
): Promise<boolean> {
  for (const [i, stream] of streams.entries()) {
    if (!(stream instanceof FilteredStream)) continue;
    if (!(await stream.prepare(cursors[i], before, after, cancelled))) return false;
  }
  return true;
}

/**
 * Count, in the background, the lines the filters hide in every directory; `report` gives the
 * sum. Each directory's figure is its own count's latest, summed afresh at each report: no
 * report, however late, adds a directory twice or follows the complete figure. A directory
 * whose count is done counts on as it grows: its CountOn joins `live` (its run leaves it), to be
 * told of changes and cancelled with the rest.
 */
export async function countHidden(
  dirs: readonly string[],
  merged: MergedFilters,
  files: LogFiles,
  live: Set<SearchRun | CountOn>,
  report: (hidden: { lines: number; complete: boolean }) => void,
  count?: BackgroundCount,
): Promise<void> {
  const counted = dirs.map(() => 0);
  let complete = false;
  const sum = () => counted.reduce((a, b) => a + b, 0);
  for (const [i, dir] of dirs.entries()) {
    const onProgress = (p: SearchProgress) => {
      counted[i] = p.total;
      report({ lines: sum(), complete });
    };
    const { run, ended, countOn } = countHiddenLines(files, dir, merged.specs, onProgress, count);
    live.add(run);
    const done = await ended;
    live.delete(run);
    if (done.cancelled || run.cancelled) return;
    counted[i] = done.total;
    live.add(countOn);
  }
  complete = true;
  report({ lines: sum(), complete });
}
