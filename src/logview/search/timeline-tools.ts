// Search, filters, error steps and time jumps for one log directory, beside its plain view
// (view.ts): the engine behind the LogTimeline port's search, step, stepLevel, jump and
// setFilters. It owns what the window shows while filters are on (a FilteredWindow), the
// search's background count, and the line the last step landed on. Every long walk runs in
// slices (chunks.ts) and can be superseded or cancelled.
import type { Zone } from '../../time/zone.js';
import type { LogFiles } from '../files.js';
import type { LogPosition, LogView } from '../types.js';
import { mapPosition } from '../segments.js';
import { findInstant } from '../time/jump.js';
import { parseJumpTime } from '../time/parse-time.js';
import { hitSpans, intersect, lineStarts } from './chunk-match.js';
import { FilteredWindow, type FilteredMove } from './filtered-window.js';
import {
  chunkMatcher,
  compileFilters,
  filtersActive,
  queryLines,
  shownLines,
  type FilterSpec,
  type Filters,
} from './filters.js';
import { DEFAULT_LEVEL_PATTERNS, type LevelPatterns } from './levels.js';
import { isQueryError, parseQuery, type SearchQuery } from './query.js';
import { countInBackground, walkOnInWorker } from './background-count.js';
import { SearchRun, type LineSelector, type SearchProgress } from './search-run.js';
import { countHiddenLines } from './hidden-lines.js';
import type { SelectorSpec } from './selector.js';
import { micros } from './stamp.js';

export type StepCode =
  'found' | 'none' | 'cancelled' | 'bad-query' | 'bad-time' | 'after-end' | 'no-search';
export interface StepResult {
  code: StepCode;
  text: string;
}

export interface LogToolsOptions {
  files: LogFiles;
  dir: string;
  maxLineBytes?: number;
  levels?: Partial<LevelPatterns>;
  /** The zone s6-log's local ISO stamps were written in (the box's). */
  stampZone: Zone;
  /** Resolve a zone name for jumps. */
  zone: (name: string) => Zone;
  /** Now, in seconds (labels' scale). */
  nowSeconds?: () => number;
  /** Something the window shows changed (a count's progress, a filtered move landed). */
  changed: () => void;
}

interface ActiveSearch {
  query: SearchQuery;
  literal: boolean;
  run: SearchRun;
  progress: SearchProgress;
}

export class TimelineTools {
  private search: ActiveSearch | undefined;
  private filters: Filters | undefined;
  /** The enabled filters as typed, for a count in a worker thread. */
  private filterSpecs: FilterSpec[] | undefined;
  private filtered: FilteredWindow | undefined;
  private hiddenRun: SearchRun | undefined;
  private hidden: SearchProgress | undefined;
  private landed: LogPosition | undefined;
  private readonly levelQueries: Record<'error' | 'warning', SearchQuery>;
  private stepRun: SearchRun | undefined;
  /** The current hit's number, once known (it cannot change: the count only moves on). */
  private ordinal: { key: string; value: number } | undefined;

  constructor(
    private readonly options: LogToolsOptions,
    private view: LogView,
  ) {
    const patterns = { ...DEFAULT_LEVEL_PATTERNS, ...options.levels };
    const level = (text: string) => {
      const q = parseQuery(text);
      if (isQueryError(q)) throw new Error(`bad level pattern ${text}: ${q.error}`);
      return q;
    };
    this.levelQueries = { error: level(patterns.error), warning: level(patterns.warning) };
  }

  /** The plain view changed (another directory of the same logger). */
  setView(view: LogView): void {
    this.view = view;
    this.cancelSearch();
    this.landed = undefined;
  }

  // ---- what the window shows --------------------------------------------------------------

  get isFiltered(): boolean {
    return this.filtered !== undefined;
  }

  lines(): readonly string[] {
    return this.filtered ? this.filtered.lines.map((l) => l.text) : this.view.lines();
  }

  /** Where the window is while filtered (the plain view says it otherwise). */
  filteredPlace(): { atTop: boolean; fraction: number } | undefined {
    const filtered = this.filtered;
    if (!filtered) return undefined;
    if (filtered.following) return { atTop: false, fraction: 1 };
    const at = filtered.position();
    const segments = this.options.files.list(this.options.dir);
    const total = segments.reduce((sum, s) => sum + s.size, 0);
    const index = at ? segments.findIndex((s) => s.id === at.fileId) : -1;
    const before = segments.slice(0, Math.max(0, index)).reduce((sum, s) => sum + s.size, 0);
    const fraction = total > 0 && at ? Math.min(1, (before + at.offset) / total) : 0;
    return { atTop: filtered.atTop, fraction };
  }

  following(): boolean {
    return this.filtered ? this.filtered.following : this.view.following;
  }

  positions(): readonly LogPosition[] {
    return this.filtered ? this.filtered.positions() : this.view.positions();
  }

  hits(lines: readonly string[]): Array<Array<[number, number]>> | undefined {
    const search = this.search;
    if (!search) return undefined;
    return lines.map((line) => hitSpans(line, search.query));
  }

  landedRow(): number | undefined {
    const at = this.landed;
    if (!at) return undefined;
    const row = this.positions().findIndex((p) => p.fileId === at.fileId && p.offset === at.offset);
    return row < 0 ? undefined : row;
  }

  searchFacts() {
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

  private currentOrdinal(search: ActiveSearch): number | undefined {
    const at = this.landed;
    if (!at) return undefined;
    const key = `${search.query.text}|${at.fileId}|${at.offset}`;
    if (this.ordinal?.key === key) return this.ordinal.value;
    const value = search.run.ordinal(at, (id, start, end) => this.read(id, start, end));
    if (value !== undefined) this.ordinal = { key, value };
    return value;
  }

  hiddenFacts(): { lines: number; complete: boolean } | undefined {
    if (!this.filtered || !this.hidden) return undefined;
    return { lines: this.hidden.total, complete: this.hidden.done };
  }

  /** A move while filtered; false when the plain view should take it. */
  moveFiltered(move: FilteredMove, rows: number): boolean {
    if (!this.filtered) return false;
    void this.filtered.move(move, rows);
    return true;
  }

  /** The directory changed on disk. */
  diskChanged(rows: number): void {
    if (this.filtered?.following) void this.filtered.refresh(rows);
  }

  // ---- search -----------------------------------------------------------------------------

  startSearch(text: string, literal: boolean): StepResult {
    const query = parseQuery(text, { literal });
    if (isQueryError(query)) return { code: 'bad-query', text: query.error };
    this.cancelSearch();
    const matcher = chunkMatcher(query);
    const run = new SearchRun(
      this.deps(),
      this.selector((chunk) => queryLines(chunk, matcher)),
      matcher,
    );
    const search: ActiveSearch = { query, literal, run, progress: run.progress() };
    this.search = search;
    const spec = {
      query: { text, literal },
      ...(this.filterSpecs ? { filters: this.filterSpecs } : {}),
    };
    const { files, dir } = this.options;
    void countInBackground(run, dir, files.list(dir), spec, (progress) => {
      if (this.search !== search) return;
      search.progress = progress;
      this.options.changed();
    });
    return { code: 'found', text: `searching for ${query.pattern}` };
  }

  cancelSearch(): void {
    this.search?.run.cancel();
    this.stepRun?.cancel();
    this.search = undefined;
    this.landed = undefined;
    this.options.changed();
  }

  async step(direction: 1 | -1, rows: number): Promise<StepResult> {
    const search = this.search;
    if (!search) return { code: 'no-search', text: 'no search yet: / to search' };
    const m = chunkMatcher(search.query);
    const none = `no more hits for ${search.query.pattern} ${direction > 0 ? 'below' : 'above'}`;
    const spec = { query: { text: search.query.text, literal: search.literal } };
    return this.stepWith((chunk) => queryLines(chunk, m), direction, rows, none, spec);
  }

  async stepLevel(
    level: 'error' | 'warning',
    direction: 1 | -1,
    rows: number,
  ): Promise<StepResult> {
    const query = this.levelQueries[level];
    const m = chunkMatcher(query);
    const word = level === 'error' ? 'errors' : 'warnings';
    return this.stepWith(
      (chunk) => queryLines(chunk, m),
      direction,
      rows,
      `no more ${word} ${direction > 0 ? 'below' : 'above'}`,
      { query: { text: query.text, literal: false } },
    );
  }

  // ---- jumps ------------------------------------------------------------------------------

  async jump(when: string, zoneName: string, rows: number): Promise<StepResult> {
    const zone = this.options.zone(zoneName);
    const now = this.options.nowSeconds?.() ?? Date.now() / 1000;
    const parsed = parseJumpTime(when, zone, now);
    if ('error' in parsed) return { code: 'bad-time', text: parsed.error };
    const { files, dir, stampZone } = this.options;
    const landing = findInstant(files, dir, files.list(dir), micros(parsed.time), stampZone);
    if ('after' in landing) {
      this.moveTo({ kind: 'tail' }, rows);
      return {
        code: 'after-end',
        text: `nothing logged at or after ${when.trim()}: showing the end`,
      };
    }
    let position = landing.position;
    if (this.filters) {
      // The first shown line at or after it.
      const next = await this.nearest(
        this.selector((c) => lineStarts(c)),
        position,
        1,
        true,
        { shown: true },
      );
      if (next === 'cancelled') return { code: 'cancelled', text: 'cancelled' };
      if (!next) return { code: 'after-end', text: 'no shown line after that time' };
      position = next;
    }
    this.landed = position;
    this.moveTo({ kind: 'at', position }, rows);
    return { code: 'found', text: `at ${when.trim()}` };
  }

  // ---- filters ----------------------------------------------------------------------------

  setFilters(specs: readonly FilterSpec[], rows: number): StepResult {
    const compiled = compileFilters(specs);
    if ('error' in compiled)
      return { code: 'bad-query', text: `filter ${compiled.index + 1}: ${compiled.error}` };
    this.filtered?.cancel();
    this.hiddenRun?.cancel();
    if (!filtersActive(compiled.filters)) {
      // Back to every line, where the filtered window was.
      const was = this.filtered;
      const at = was?.position();
      if (was && !was.following && at) this.view.restore(at);
      else if (was) this.view.tail(rows);
      this.filters = undefined;
      this.filterSpecs = undefined;
      this.filtered = undefined;
      this.hidden = undefined;
      this.restartSearch();
      this.options.changed();
      return { code: 'found', text: 'no filter' };
    }
    const filters = compiled.filters;
    this.filters = filters;
    const specsOn = specs.filter((f) => f.enabled).map((f) => ({ ...f }));
    this.filterSpecs = specsOn;
    const { files, dir } = this.options;
    const before = this.filtered ?? this.view;
    const start = before.following ? undefined : before.position();
    // The hidden plain view follows the end, so its watcher reports every new line.
    this.view.tail(rows);
    const window = new FilteredWindow(
      files,
      dir,
      (c) => shownLines(c, filters),
      this.maxLineBytes(),
      () => this.options.changed(),
    );
    this.filtered = window;
    void window.move(start ? { kind: 'at', position: start } : { kind: 'tail' }, rows);
    const hidden = countHiddenLines(files, dir, { filters, specs: specsOn }, (p, run) => {
      if (this.hiddenRun !== run) return;
      this.hidden = p;
      this.options.changed();
    });
    this.hiddenRun = hidden.run;
    this.hidden = hidden.run.progress();
    this.restartSearch();
    return { code: 'found', text: `${specs.filter((s) => s.enabled).length} filters on` };
  }

  close(): void {
    this.search?.run.cancel();
    this.stepRun?.cancel();
    this.hiddenRun?.cancel();
    this.filtered?.cancel();
  }

  // ---- inside -----------------------------------------------------------------------------

  /** The search again over what the filters now show. */
  private restartSearch(): void {
    const search = this.search;
    if (!search) return;
    const landed = this.landed;
    this.startSearch(search.query.text, search.literal);
    this.landed = landed;
  }

  /** Lines a selector picks, among those the filters show. */
  private selector(pick: LineSelector): LineSelector {
    const filters = this.filters;
    if (!filters) return pick;
    return (chunk) => intersect(pick(chunk), shownLines(chunk, filters));
  }

  private async stepWith(
    pick: LineSelector,
    direction: 1 | -1,
    rows: number,
    none: string,
    spec: SelectorSpec,
  ): Promise<StepResult> {
    // From the current hit while it is on screen, else from the window (less).
    const from =
      this.landed && this.landedRow() !== undefined ? this.landed : this.stepOrigin(direction);
    if (!from) return { code: 'none', text: none };
    const found = await this.nearest(this.selector(pick), from, direction, false, spec);
    if (found === 'cancelled') return { code: 'cancelled', text: 'cancelled' };
    if (!found) return { code: 'none', text: none };
    this.landed = found;
    this.land(found, rows);
    return { code: 'found', text: '' };
  }

  /** Where n/N start when no hit is current: the window's first line, or the end. */
  private stepOrigin(direction: 1 | -1): LogPosition | undefined {
    const positions = this.positions();
    if (direction < 0 && this.following()) {
      const { files, dir } = this.options;
      const segments = files.list(dir);
      const last = segments.at(-1);
      return last && { fileId: last.id, name: last.name, offset: last.size };
    }
    return positions[0];
  }

  private async nearest(
    select: LineSelector,
    from: LogPosition,
    direction: 1 | -1,
    inclusive: boolean,
    /** What `select` selects, as data, filters aside (a long walk goes on in a worker). */
    spec: SelectorSpec,
  ): Promise<LogPosition | undefined | 'cancelled'> {
    this.stepRun?.cancel();
    const filters = this.filterSpecs;
    const walkOn = walkOnInWorker(this.options.dir, { ...spec, ...(filters ? { filters } : {}) });
    const run = new SearchRun({ ...this.deps(), walkOn }, select);
    this.stepRun = run;
    const segments = this.options.files.list(this.options.dir);
    const mapped = mapPosition(from, segments);
    if (!mapped) return undefined;
    const found = await run.nearest(segments, mapped, direction, inclusive);
    if (run.cancelled) return 'cancelled';
    return found;
  }

  /** Show a line the step found: where it is if visible, else a third down a new window. */
  private land(position: LogPosition, rows: number): void {
    if (this.landedRow() !== undefined) {
      this.options.changed();
      return;
    }
    this.moveTo({ kind: 'at', position }, rows, Math.floor(rows / 3));
  }

  private moveTo(move: FilteredMove, rows: number, context = 0): void {
    if (this.filtered) {
      void this.filtered.move(move, rows).then((ok) => {
        if (ok && context > 0 && !this.filtered!.following)
          void this.filtered!.move({ kind: 'by', lines: -context }, rows);
      });
      return;
    }
    if (move.kind === 'tail') this.view.tail(rows);
    else if (move.kind === 'at') {
      this.view.restore(move.position);
      if (context > 0) this.view.scroll(-context, rows);
      // Close to the end: the window stops short of `rows`; show a full one ending there.
      if (this.view.lines().length < rows) this.view.tail(rows);
    }
    this.options.changed();
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

  private deps() {
    return { files: this.options.files, dir: this.options.dir };
  }

  private maxLineBytes(): number {
    return this.options.maxLineBytes ?? 4096;
  }
}
