// One merged timeline of several services behind the LogTimeline port (`M` in the console):
// their logs interleaved by stamp (merge-order.ts) with each service's restarts as marker
// lines, each row tagged with its service for the prefix and colour; it follows, pages, jumps,
// searches, filters (`&`, `&!`: merged-filters.ts) and steps between errors like a single log.
// Longer than most files: every part of the port here shares the window's cursors and the
// generations that let a newer move, search or filter supersede one still walking; the walking
// itself lives beside it (merged-window, merged-search, merged-filters, filtered-stream).

import type {
  Fact,
  LogFilterInput,
  LogLevel,
  LogMove,
  LogQueryInput,
  LogSearchFacts,
  LogStepCode,
  LogTimeline,
  LogWindowFacts,
} from '../../source/port.js';
import type { Zone } from '../../time/zone.js';
import type { LogFiles } from '../files.js';
import { hitSpans } from '../search/chunk-match.js';
import {
  chunkMatcher,
  compileFilters,
  filtersActive,
  queryLines,
  type FilterSpec,
} from '../search/filters.js';
import { withLevelNote, type LevelConfigError } from '../search/level-config.js';
import { DEFAULT_LEVEL_PATTERNS, type LevelPatterns } from '../search/levels.js';
import { isQueryError, parseQuery, type SearchQuery } from '../search/query.js';
import { countInBackground } from '../search/background-count.js';
import { SearchRun } from '../search/search-run.js';
import { micros } from '../search/stamp.js';
import { parseJumpTime } from '../time/parse-time.js';
import { watchLogDir } from '../watch.js';
import { EventMarkers } from './events-file.js';
import {
  amongShown,
  countHidden,
  filteredStreams,
  prepareMove,
  type MergedFilters,
} from './merged-filters.js';
import { cursorsAt, mergedNearest, type MergedLog } from './merged-search.js';
import { MergedWindow } from './merged-window.js';
import { DirectoryStream, MarkerStream, type Stream, type StreamItem } from './streams.js';
import type { LogPosition } from '../types.js';

export interface MergedService {
  name: string;
  serviceDir: string;
  logDir: string;
}

export interface MergedOptions {
  files: LogFiles;
  stampZone: Zone;
  zone: (name: string) => Zone;
  title: string;
  levels?: Partial<LevelPatterns>;
  /** What was wrong in the file the levels came from (e/E/w/W say it). */
  levelErrors?: readonly LevelConfigError[];
  nowSeconds?: () => number;
  /** Read the logs again at most this often when they change (ms). */
  batchMs?: number;
  watch?: boolean;
}

export class MergedTimeline implements LogTimeline {
  private readonly logs: MergedLog[] = [];
  private readonly names: string[] = [];
  private readonly markerFiles: EventMarkers[] = [];
  private readonly markerStreams: MarkerStream[] = [];
  private window_: MergedWindow;
  /** Each log's stream without filters. */
  private readonly plain: Stream[];
  private filters: MergedFilters | undefined;
  private hidden: { lines: number; complete: boolean } | undefined;
  private readonly hiddenRuns = new Set<SearchRun>();
  /** Moves while filtered: a newer one supersedes one still walking. */
  private moves = 0;
  /** Filters set: newer ones supersede those whose first window is still being read. */
  private filterings = 0;
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];
  private readonly runs = new Set<SearchRun>();
  private timer: NodeJS.Timeout | undefined;
  private search_:
    | {
        query: SearchQuery;
        literal: boolean;
        total: number;
        scanned: number;
        size: number;
        done: boolean;
        cancelled: boolean;
      }
    | undefined;
  private landed: StreamItem | undefined;
  private generation = 0;

  constructor(
    services: readonly MergedService[],
    private rows: number,
    private readonly options: MergedOptions,
  ) {
    for (const service of services) {
      const events = new EventMarkers(service.serviceDir, service.name);
      const markers = new MarkerStream(events.read(), this.logs.length + 1);
      this.logs.push({
        stream: new DirectoryStream(
          options.files,
          service.logDir,
          this.logs.length,
          options.stampZone,
        ),
        dir: service.logDir,
      });
      this.names.push(service.name);
      this.logs.push({ stream: markers, markers: () => events.read() });
      this.names.push(service.name);
      this.markerFiles.push(events);
      this.markerStreams.push(markers);
      if (options.watch ?? true) {
        this.stops.push(watchLogDir(service.logDir, () => this.schedule(), 80));
        this.stops.push(
          watchLogDir(`${service.serviceDir}/supervise`, () => this.schedule(), 1000),
        );
      }
    }
    this.plain = this.logs.map((l) => l.stream);
    this.window_ = new MergedWindow(this.plain, Math.max(1, rows));
  }

  window(): LogWindowFacts {
    const items = this.window_.items;
    const lines = items.map((i) => i.text);
    const search = this.searchFacts();
    const landed = this.landed && items.findIndex((i) => samePlace(i, this.landed!));
    return {
      title: this.options.title,
      lines,
      following: this.window_.following,
      atTop: this.window_.atTop(),
      fraction: this.window_.following ? 1 : 0,
      origins: items.map((i) => ({
        service: this.names[i.source]!,
        ...(i.marker ? { marker: true } : {}),
      })),
      ...(search ? { search, hits: lines.map((l) => hitSpans(l, this.search_!.query)) } : {}),
      ...(landed !== undefined && landed >= 0 ? { landed } : {}),
      ...(this.filters && this.hidden ? { hidden: this.hidden } : {}),
    };
  }

  move(move: LogMove): void {
    if (move.kind === 'nextDirectory') return;
    if (this.filters) {
      void this.moveFiltered(move);
      return;
    }
    this.moveNow(move);
    this.notify();
  }

  private moveNow(move: Exclude<LogMove, { kind: 'nextDirectory' }>): void {
    const w = this.window_;
    const rows = this.rows;
    switch (move.kind) {
      case 'tail':
        w.tail();
        break;
      case 'top':
        w.top();
        break;
      case 'page':
        w.scroll(move.direction * rows);
        break;
      case 'half':
        w.scroll(move.direction * Math.max(1, Math.floor(rows / 2)));
        break;
      case 'line':
        w.scroll(move.direction);
        break;
    }
  }

  /** A move while filtered: each log's lines walked in slices first, then the move. */
  private async moveFiltered(move: Exclude<LogMove, { kind: 'nextDirectory' }>): Promise<void> {
    const rows = this.rows;
    const by =
      move.kind === 'page'
        ? rows
        : move.kind === 'half'
          ? Math.max(1, Math.floor(rows / 2))
          : move.kind === 'line'
            ? 1
            : 0;
    const up = 'direction' in move && move.direction < 0;
    const ready =
      move.kind === 'tail'
        ? await this.prepare(undefined, rows + 1, 0)
        : move.kind === 'top'
          ? await this.prepare(this.firstPlaces(), 0, rows)
          : await this.prepare(this.window_.cursorsNow(), up ? by + 1 : 1, up ? rows : by + rows);
    if (!ready) return;
    this.moveNow(move);
    this.notify();
  }

  /**
   * Walk the filtered logs ahead of a move from `cursors` (undefined: every log's end). A newer
   * move supersedes it; a refresh (`move: false`) gives way to any move and supersedes none;
   * new filters are superseded by newer ones only (`cancelled`).
   */
  private prepare(
    cursors: readonly (LogPosition | undefined)[] | undefined,
    before: number,
    after: number,
    move: boolean | (() => boolean) = true,
  ): Promise<boolean> {
    const generation = move === true ? ++this.moves : this.moves;
    const cancelled = typeof move === 'function' ? move : () => generation !== this.moves;
    const streams = this.logs.map((l) => l.stream);
    const at = cursors ?? streams.map(() => undefined);
    return prepareMove(streams, at, before, after, cancelled);
  }

  private firstPlaces(): (LogPosition | undefined)[] {
    const { files } = this.options;
    return this.logs.map((l) => {
      const first = l.dir ? files.list(l.dir)[0] : undefined;
      return first && { fileId: first.id, name: first.name, offset: 0 };
    });
  }

  resize(rows: number): void {
    if (rows === this.rows) return;
    this.rows = Math.max(1, rows);
    this.window_.setRows(this.rows);
    this.window_.refresh();
    this.notify();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.cancelSearch();
    this.moves++;
    this.filterings++;
    for (const run of this.hiddenRuns) run.cancel();
    for (const stop of this.stops) stop();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  async search(input: LogQueryInput): Promise<Fact<'found' | 'bad-query'>> {
    const query = parseQuery(input.text, { literal: input.literal ?? false });
    if (isQueryError(query)) return { code: 'bad-query', text: query.error };
    this.cancelSearch();
    const generation = this.generation;
    const literal = input.literal ?? false;
    const state = { query, literal, total: 0, scanned: 0, size: 0, done: false, cancelled: false };
    this.search_ = state;
    void this.count(state, generation);
    void this.step(this.window_.following ? -1 : 1).then(() => this.notify());
    return { code: 'found', text: `searching for ${query.pattern}` };
  }

  step(direction: 1 | -1): Promise<Fact<LogStepCode>> {
    const search = this.search_;
    if (!search) return Promise.resolve({ code: 'no-search', text: 'no search yet: / to search' });
    return this.stepWith(
      search.query,
      search.literal,
      direction,
      `no more hits for ${search.query.pattern}`,
    );
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

  cancelSearch(): void {
    this.generation++;
    for (const run of this.runs) run.cancel();
    if (this.search_ && !this.search_.done) this.search_.cancelled = true;
    this.search_ = undefined;
    this.landed = undefined;
    this.notify();
  }

  async jump(when: string, zoneName: string): Promise<Fact<LogStepCode>> {
    const zone = this.options.zone(zoneName);
    const now = this.options.nowSeconds?.() ?? Date.now() / 1000;
    const parsed = parseJumpTime(when, zone, now);
    if ('error' in parsed) return { code: 'bad-time', text: parsed.error };
    const cursors = cursorsAt(this.logs, micros(parsed.time), this.options);
    if (cursors.every((c) => c === undefined)) {
      if (this.filters && !(await this.prepare(undefined, this.rows + 1, 0)))
        return { code: 'cancelled', text: 'cancelled' };
      this.window_.tail();
      this.notify();
      return {
        code: 'after-end',
        text: `nothing logged at or after ${when.trim()}: showing the end`,
      };
    }
    if (this.filters && !(await this.prepare(cursors, 1, 2 * this.rows)))
      return { code: 'cancelled', text: 'cancelled' };
    this.window_.placeAt(cursors);
    this.notify();
    return { code: 'found', text: `at ${when.trim()}` };
  }

  async setFilters(filters: readonly LogFilterInput[]): Promise<Fact<'found' | 'bad-query'>> {
    const specs: FilterSpec[] = filters.map((f) => ({ ...f, literal: f.literal ?? false }));
    const compiled = compileFilters(specs);
    if ('error' in compiled)
      return { code: 'bad-query', text: `filter ${compiled.index + 1}: ${compiled.error}` };
    for (const run of this.hiddenRuns) run.cancel();
    const was = this.window_;
    const active = filtersActive(compiled.filters);
    const state = active
      ? { filters: compiled.filters, specs: specs.filter((f) => f.enabled) }
      : undefined;
    const { files, stampZone } = this.options;
    const dirs = this.logs.map((l) => l.dir);
    const streams = state
      ? filteredStreams(this.plain, dirs, state.filters, { files, stampZone })
      : this.plain;
    for (const [i, log] of this.logs.entries()) log.stream = streams[i]!;
    this.filters = state;
    this.hidden = state && { lines: 0, complete: false };
    // The new window where the old one was: its cursors are places in the same files.
    const cursors = was.following ? undefined : was.cursorsNow();
    const mine = ++this.filterings;
    const superseded = () => mine !== this.filterings;
    const after = cursors ? this.rows : 0;
    if (state && !(await this.prepare(cursors, this.rows + 1, after, superseded)))
      return { code: 'found', text: 'superseded' };
    const window = new MergedWindow(streams, this.rows, cursors);
    this.window_ = window;
    if (this.search_)
      void this.search({ text: this.search_.query.text, literal: this.search_.literal });
    if (state) {
      const logDirs = dirs.filter((d): d is string => d !== undefined);
      void countHidden(logDirs, state, files, this.hiddenRuns, (hidden) => {
        if (this.filters !== state) return;
        this.hidden = hidden;
        this.notify();
      });
    }
    this.notify();
    return active
      ? { code: 'found', text: `${state!.specs.length} filters on` }
      : { code: 'found', text: 'no filter' };
  }

  private async stepWith(
    query: SearchQuery,
    literal: boolean,
    direction: 1 | -1,
    none: string,
  ): Promise<Fact<LogStepCode>> {
    const generation = this.generation;
    const landed = this.landed;
    const visible = landed && this.window_.items.some((i) => samePlace(i, landed));
    const from = visible ? landed : this.origin(direction);
    if (!from) return { code: 'none', text: none };
    const matcher = chunkMatcher(query);
    const hit = await mergedNearest(
      this.logs,
      matcher,
      amongShown((c) => queryLines(c, matcher), this.filters?.filters),
      { item: from, key: { at: from.at ?? -Infinity, source: from.source } },
      direction,
      {
        files: this.options.files,
        stampZone: this.options.stampZone,
        cancelled: () => generation !== this.generation,
        runs: this.runs,
        spec: {
          query: { text: query.text, literal },
          ...(this.filters ? { filters: this.filters.specs } : {}),
        },
      },
    );
    if (generation !== this.generation) return { code: 'cancelled', text: 'cancelled' };
    if (!hit) return { code: 'none', text: none };
    this.landed = hit;
    if (!this.window_.items.some((i) => samePlace(i, hit))) {
      const cursors = cursorsAt(this.logs, hit.at ?? -Infinity, this.options);
      cursors[hit.source] = hit.pos;
      const context = Math.floor(this.rows / 3);
      if (this.filters && !(await this.prepare(cursors, context + 1, this.rows + context)))
        return { code: 'cancelled', text: 'cancelled' };
      this.window_.placeAt(cursors);
      if (!this.window_.following) this.window_.scroll(-context);
    }
    this.notify();
    return { code: 'found', text: '' };
  }

  /** Where n/N start without a current hit: the window's top, or past its end while following. */
  private origin(direction: 1 | -1): StreamItem | undefined {
    const items = this.window_.items;
    if (direction < 0 && this.window_.following) {
      const last = items.at(-1);
      return last && { ...last, at: Infinity, source: -1 };
    }
    return items[0];
  }

  private async count(state: NonNullable<typeof this.search_>, generation: number): Promise<void> {
    const matcher = chunkMatcher(state.query);
    const { files } = this.options;
    state.size = this.logs.reduce(
      (sum, l) => sum + (l.dir ? files.list(l.dir).reduce((s, x) => s + x.size, 0) : 0),
      0,
    );
    for (const log of this.logs) {
      if (generation !== this.generation) return;
      if (log.markers) {
        state.total += log.markers().filter((m) => {
          matcher.query.test.lastIndex = 0;
          return matcher.query.test.test(m.text) !== matcher.query.invert;
        }).length;
        continue;
      }
      const select = amongShown((c) => queryLines(c, matcher), this.filters?.filters);
      const run = new SearchRun({ files, dir: log.dir! }, select, matcher);
      this.runs.add(run);
      const before = { total: state.total, scanned: state.scanned };
      const spec = {
        query: { text: state.query.text, literal: state.literal },
        ...(this.filters ? { filters: this.filters.specs } : {}),
      };
      const done = await countInBackground(run, log.dir!, files.list(log.dir!), spec, (p) => {
        state.total = before.total + p.total;
        state.scanned = before.scanned + p.scanned;
        this.notify();
      });
      this.runs.delete(run);
      if (done.cancelled) return;
    }
    state.done = true;
    this.notify();
  }

  private searchFacts(): LogSearchFacts | undefined {
    const s = this.search_;
    if (!s) return undefined;
    return {
      query: s.query.text,
      running: !s.done && !s.cancelled,
      total: s.total,
      fraction: s.size > 0 ? Math.min(1, s.scanned / s.size) : 1,
      ...(s.cancelled ? { cancelled: true } : {}),
    };
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const log of this.logs) log.stream.invalidate?.();
      for (const [i, stream] of this.markerStreams.entries())
        stream.setMarkers(this.markerFiles[i]!.read());
      void this.refresh();
    }, this.options.batchMs ?? 20);
    this.timer.unref();
  }

  /** The window read again where it is (the logs changed). */
  private async refresh(): Promise<void> {
    const w = this.window_;
    if (this.filters) {
      const cursors = w.following ? undefined : w.cursorsNow();
      if (!(await this.prepare(cursors, this.rows + 1, cursors ? this.rows : 0, false))) return;
    }
    this.window_.refresh();
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function samePlace(a: StreamItem, b: StreamItem): boolean {
  return a.source === b.source && a.pos.fileId === b.pos.fileId && a.pos.offset === b.pos.offset;
}
