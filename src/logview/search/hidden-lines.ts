// The lines filters hide in one log directory, counted in the background (in a worker thread
// when built): the "X hidden" of a filtered log's title, for one service's log and for each
// service of a merged timeline. Progress goes to `onProgress` until the count ends, never after
// (a worker may post its last figure late) nor once it is cancelled.
import type { LogFiles } from '../files.js';
import { countInBackground } from './background-count.js';
import { lineStarts, without } from './chunk-match.js';
import { shownLines, type Filters, type FilterSpec } from './filters.js';
import { SearchRun, type SearchProgress } from './search-run.js';

/** How a count runs in the background (countInBackground; a test drives its order by hand). */
export type BackgroundCount = typeof countInBackground;

export interface HiddenCount {
  /** Cancel it to stop the count. */
  run: SearchRun;
  /** The count's end: done, or cancelled. */
  ended: Promise<SearchProgress>;
}

export function countHiddenLines(
  files: LogFiles,
  dir: string,
  filters: { filters: Filters; specs: FilterSpec[] },
  onProgress: (progress: SearchProgress, run: SearchRun) => void,
  count: BackgroundCount = countInBackground,
): HiddenCount {
  const run = new SearchRun({ files, dir }, (c) =>
    without(lineStarts(c), shownLines(c, filters.filters)),
  );
  let over = false;
  const spec = { filters: filters.specs, hidden: true };
  const ended = count(run, dir, files.list(dir), spec, (progress) => {
    if (!over && !run.cancelled) onProgress(progress, run);
  }).then((progress) => {
    over = true;
    return progress;
  });
  return { run, ended };
}
