// The lines filters hide in one log directory, counted in the background (in a worker thread
// when built): the "X hidden" of a filtered log's title, for one service's log and for each
// service of a merged timeline. Progress goes to `onProgress` until the count ends, never after
// (a worker may post its last figure late) nor once it is cancelled; then, as the log grows,
// the count goes on (`countOn.changed()`) and says its new figures there too.
import type { LogFiles } from '../files.js';
import { countInBackground } from './background-count.js';
import { CountOn } from './count-on.js';
import type { FilterSpec } from './filters.js';
import { SearchRun, type SearchProgress } from './search-run.js';
import { selectorFor } from './selector.js';

/** How a count runs in the background (countInBackground; a test drives its order by hand). */
export type BackgroundCount = typeof countInBackground;

export interface HiddenCount {
  /** Cancel it to stop the count. */
  run: SearchRun;
  /** The count's end: done, or cancelled. */
  ended: Promise<SearchProgress>;
  /** Counting on once it has ended: tell it when the directory changed; cancel it to stop. */
  countOn: CountOn;
}

export function countHiddenLines(
  files: LogFiles,
  dir: string,
  /** The enabled filters. */
  filters: FilterSpec[],
  onProgress: (progress: SearchProgress, run: SearchRun) => void,
  count: BackgroundCount = countInBackground,
): HiddenCount {
  const spec = { filters, hidden: true };
  const { select, count: countIn } = selectorFor(spec);
  const run = new SearchRun({ files, dir }, select, undefined, countIn);
  let over = false;
  const report = (progress: SearchProgress) => {
    if (!run.cancelled) onProgress(progress, run);
  };
  const ended = count(run, dir, files.list(dir), spec, (progress) => {
    if (!over) report(progress);
  }).then((progress) => {
    over = true;
    return progress;
  });
  return { run, ended, countOn: new CountOn(run, report).after(ended) };
}
