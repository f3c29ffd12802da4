// The search of one log directory, behind the log tool (timeline-tools.ts): the query, its hits
// counted in the background among the lines the filters show, the hit spans of the lines shown,
// and the landed hit's number ("hit X of Y"); n/N step through log-steps.ts.
import type { LogFiles } from '../files.js';
import { countInBackground } from './background-count.js';
import { CountOn } from './count-on.js';
import { hitSpans } from './chunk-match.js';
import { chunkMatcher, queryLines, type FilterSpec } from './filters.js';
import type { LogSteps, StepResult } from './log-steps.js';
import { isQueryError, parseQuery, type SearchQuery } from './query.js';
import { SearchRun, type SearchProgress } from './search-run.js';

export interface LogSearchOptions {
  files: LogFiles;
  dir: string;
  /** Something the window shows changed (the count's progress). */
  changed: () => void;
}

interface ActiveSearch {
  query: SearchQuery;
  literal: boolean;
  run: SearchRun;
  progress: SearchProgress;
  /** The count going on as the log grows, once it has ended. */
  countOn: CountOn;
}

export class LogSearch {
  private search: ActiveSearch | undefined;
  /** The current hit's number, once known (it changes only when files leave the count). */
  private ordinal: { key: string; value: number } | undefined;

  constructor(
    private readonly options: LogSearchOptions,
    private readonly steps: LogSteps,
    /** The enabled filters, if any: the search counts among the lines they show. */
    private readonly filterSpecs: () => FilterSpec[] | undefined,
  ) {}

  hits(lines: readonly string[]): Array<Array<[number, number]>> | undefined {
    const search = this.search;
    if (!search) return undefined;
    return lines.map((line) => hitSpans(line, search.query));
  }

  facts() {
    const search = this.search;
    if (!search) return undefined;
    const { progress } = search;
    const current = this.currentOrdinal(search);
    return {
      query: search.query.text,
      running: !progress.done && !progress.cancelled,
      total: progress.total,
      fraction: progress.size > 0 ? Math.min(1, progress.scanned / progress.size) : 1,
      ...(current !== undefined ? { current } : {}),
      ...(progress.cancelled ? { cancelled: true } : {}),
    };
  }

  start(text: string, literal: boolean): StepResult {
    const query = parseQuery(text, { literal });
    if (isQueryError(query)) return { code: 'bad-query', text: query.error };
    this.cancel();
    const matcher = chunkMatcher(query);
    const { files, dir } = this.options;
    const select = this.steps.selector((chunk) => queryLines(chunk, matcher));
    const run = new SearchRun({ files, dir }, select, matcher);
    const report = (progress: SearchProgress) => {
      if (this.search !== search) return;
      search.progress = progress;
      this.options.changed();
    };
    const countOn = new CountOn(run, report);
    const search: ActiveSearch = { query, literal, run, progress: run.progress(), countOn };
    this.search = search;
    const filters = this.filterSpecs();
    const spec = { query: { text, literal }, ...(filters ? { filters } : {}) };
    countOn.after(countInBackground(run, dir, files.list(dir), spec, report));
    return { code: 'found', text: `searching for ${query.pattern}` };
  }

  /** The search again over what the filters now show, landed where it was. */
  restart(): void {
    const search = this.search;
    if (!search) return;
    const landed = this.steps.landed;
    this.start(search.query.text, search.literal);
    this.steps.landed = landed;
  }

  /** No search: its count and its step stopped, no hit landed. */
  cancel(): void {
    this.close();
    this.search = undefined;
    this.steps.landed = undefined;
    this.options.changed();
  }

  /** The log changed on disk: the count goes on over what was written. */
  diskChanged(): void {
    this.search?.countOn.changed();
  }

  close(): void {
    this.search?.countOn.cancel();
    this.steps.cancel();
  }

  step(direction: 1 | -1, rows: number): Promise<StepResult> {
    const search = this.search;
    if (!search) return Promise.resolve({ code: 'no-search', text: 'no search yet: / to search' });
    const m = chunkMatcher(search.query);
    const none = `no more hits for ${search.query.pattern} ${direction > 0 ? 'below' : 'above'}`;
    const spec = { query: { text: search.query.text, literal: search.literal } };
    return this.steps.step((chunk) => queryLines(chunk, m), direction, rows, none, spec);
  }

  private currentOrdinal(search: ActiveSearch): number | undefined {
    const at = this.steps.landed;
    if (!at) return undefined;
    const key = `${search.query.text}|${search.run.revision}|${at.fileId}|${at.offset}`;
    if (this.ordinal?.key === key) return this.ordinal.value;
    const value = search.run.ordinal(at, (id, start, end) => this.read(id, start, end));
    if (value !== undefined) this.ordinal = { key, value };
    return value;
  }

  private read(fileId: string, start: number, end: number): Uint8Array | undefined {
    const { files, dir } = this.options;
    const segment = files.list(dir).find((s) => s.id === fileId);
    const file = segment && files.open(dir, segment.name);
    if (!file) return undefined;
    try {
      return file.read(start, end - start);
    } finally {
      file.close();
    }
  }
}
