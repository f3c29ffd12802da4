// The search of a merged timeline and its steps: the query, its hits counted in the background
// (merged-hit-count.ts), the item the last step landed on, n/N and e/E, w/W in merged order
// among the lines the filters show (merged-search.ts walks). A newer search or a cancel
// supersedes every walk and count of the one before (its generation).
import type {
  Fact,
  LogLevel,
  LogQueryInput,
  LogStepCode,
  LogWindowFacts,
} from '../../source/port.js';
import type { Zone } from '../../time/zone.js';
import type { LogFiles } from '../files.js';
import { hitSpans } from '../search/chunk-match.js';
import { chunkMatcher, queryLines } from '../search/filters.js';
import { withLevelNote, type LevelConfigError } from '../search/level-config.js';
import { DEFAULT_LEVEL_PATTERNS, type LevelPatterns } from '../search/levels.js';
import { isQueryError, parseQuery, type SearchQuery } from '../search/query.js';
import type { SearchRun } from '../search/search-run.js';
import type { LogPosition } from '../types.js';
import { amongShown, type MergedFilters } from './merged-filters.js';
import { countMergedHits, searchFacts, type MergedSearchState } from './merged-hit-count.js';
import { cursorsAt, mergedNearest, type MergedLog } from './merged-search.js';
import type { MergedWindow } from './merged-window.js';
import type { StreamItem } from './streams.js';

export interface StepperOptions {
  files: LogFiles;
  stampZone: Zone;
  levels?: Partial<LevelPatterns>;
  /** What was wrong in the file the levels came from (e/E/w/W say it). */
  levelErrors?: readonly LevelConfigError[];
}

/** What the steps need of the merged timeline they move. */
export interface SteppedTimeline {
  readonly logs: readonly MergedLog[];
  window(): MergedWindow;
  rows(): number;
  filters(): MergedFilters | undefined;
  /** Walk the filtered logs ahead of a placing; false when a newer move came. */
  prepare(
    cursors: readonly (LogPosition | undefined)[],
    before: number,
    after: number,
  ): Promise<boolean>;
  notify(): void;
}

export class MergedStepper {
  private search_: MergedSearchState | undefined;
  private landed: StreamItem | undefined;
  /** The search's count goes on over what the logs gained. */
  private countOn: (() => void) | undefined;
  private generation = 0;
  private readonly runs = new Set<SearchRun>();

  constructor(
    private readonly timeline: SteppedTimeline,
    private readonly options: StepperOptions,
  ) {}

  /** The search, its hits in the window's lines, and the landed item's row while shown. */
  facts(items: readonly StreamItem[], lines: readonly string[]): Partial<LogWindowFacts> {
    const s = this.search_;
    const landed = this.landed && items.findIndex((i) => samePlace(i, this.landed!));
    return {
      ...(s ? { search: searchFacts(s), hits: lines.map((l) => hitSpans(l, s.query)) } : {}),
      ...(landed !== undefined && landed >= 0 ? { landed } : {}),
    };
  }

  async search(input: LogQueryInput): Promise<Fact<'found' | 'bad-query'>> {
    const query = parseQuery(input.text, { literal: input.literal ?? false });
    if (isQueryError(query)) return { code: 'bad-query', text: query.error };
    this.cancel();
    const generation = this.generation;
    const literal = input.literal ?? false;
    const state = { query, literal, total: 0, scanned: 0, size: 0, done: false, cancelled: false };
    this.search_ = state;
    const { timeline } = this;
    this.countOn = countMergedHits(timeline.logs, state, {
      files: this.options.files,
      filters: timeline.filters(),
      runs: this.runs,
      current: () => generation === this.generation,
      notify: () => timeline.notify(),
    });
    const direction = timeline.window().following ? -1 : 1;
    void this.step(direction).then(() => timeline.notify());
    return { code: 'found', text: `searching for ${query.pattern}` };
  }

  /** The search again (over what new filters show). */
  restart(): void {
    const s = this.search_;
    if (s) void this.search({ text: s.query.text, literal: s.literal });
  }

  step(direction: 1 | -1): Promise<Fact<LogStepCode>> {
    const search = this.search_;
    if (!search) return Promise.resolve({ code: 'no-search', text: 'no search yet: / to search' });
    const none = `no more hits for ${search.query.pattern}`;
    return this.stepWith(search.query, search.literal, direction, none);
  }

  stepLevel(level: LogLevel, direction: 1 | -1): Promise<Fact<LogStepCode>> {
    const pattern = { ...DEFAULT_LEVEL_PATTERNS, ...this.options.levels }[level];
    const query = parseQuery(pattern);
    if (isQueryError(query)) return Promise.resolve({ code: 'bad-query', text: query.error });
    const errors = this.options.levelErrors ?? [];
    return this.stepWith(query, false, direction, `no more ${level}s`).then((landed) =>
      withLevelNote(landed, errors),
    );
  }

  /** The logs changed on disk (or their restarts). */
  diskChanged(): void {
    this.countOn?.();
  }

  cancel(): void {
    this.generation++;
    this.countOn = undefined;
    for (const run of this.runs) run.cancel();
    this.runs.clear();
    if (this.search_ && !this.search_.done) this.search_.cancelled = true;
    this.search_ = undefined;
    this.landed = undefined;
    this.timeline.notify();
  }

  private async stepWith(
    query: SearchQuery,
    literal: boolean,
    direction: 1 | -1,
    none: string,
  ): Promise<Fact<LogStepCode>> {
    const { timeline, options } = this;
    const generation = this.generation;
    const landed = this.landed;
    const visible = landed && timeline.window().items.some((i) => samePlace(i, landed));
    const from = visible ? landed : this.origin(direction);
    if (!from) return { code: 'none', text: none };
    const matcher = chunkMatcher(query);
    const filters = timeline.filters();
    const hit = await mergedNearest(
      timeline.logs,
      matcher,
      amongShown((c) => queryLines(c, matcher), filters?.filters),
      { item: from, key: { at: from.at ?? -Infinity, source: from.source } },
      direction,
      {
        files: options.files,
        stampZone: options.stampZone,
        cancelled: () => generation !== this.generation,
        runs: this.runs,
        spec: {
          query: { text: query.text, literal },
          ...(filters ? { filters: filters.specs } : {}),
        },
      },
    );
    if (generation !== this.generation) return { code: 'cancelled', text: 'cancelled' };
    if (!hit) return { code: 'none', text: none };
    this.landed = hit;
    if (!timeline.window().items.some((i) => samePlace(i, hit))) {
      const cursors = cursorsAt(timeline.logs, hit.at ?? -Infinity, options);
      cursors[hit.source] = hit.pos;
      const rows = timeline.rows();
      const context = Math.floor(rows / 3);
      if (timeline.filters() && !(await timeline.prepare(cursors, context + 1, rows + context)))
        return { code: 'cancelled', text: 'cancelled' };
      const window = timeline.window();
      window.placeAt(cursors);
      if (!window.following) window.scroll(-context);
    }
    timeline.notify();
    return { code: 'found', text: '' };
  }

  /** Where n/N start without a current hit: the window's top, or past its end while following. */
  private origin(direction: 1 | -1): StreamItem | undefined {
    const window = this.timeline.window();
    const items = window.items;
    if (direction < 0 && window.following) {
      const last = items.at(-1);
      return last && { ...last, at: Infinity, source: -1 };
    }
    return items[0];
  }
}

function samePlace(a: StreamItem, b: StreamItem): boolean {
  return a.source === b.source && a.pos.fileId === b.pos.fileId && a.pos.offset === b.pos.offset;
}
