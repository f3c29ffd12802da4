// One merged timeline of several services behind the LogTimeline port (`M` in the console):
// their logs interleaved by stamp (merge-order.ts) with each service's restarts as marker
// lines, each row tagged with its service for the prefix and colour; it follows, pages, jumps,
// searches and steps between errors like a single log. Filters are the single log's for now.

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
import { chunkMatcher, queryLines } from '../search/filters.js';
import { DEFAULT_LEVEL_PATTERNS, type LevelPatterns } from '../search/levels.js';
import { isQueryError, parseQuery, type SearchQuery } from '../search/query.js';
import { countInBackground } from '../search/background-count.js';
import { SearchRun } from '../search/search-run.js';
import { micros } from '../search/stamp.js';
import { parseJumpTime } from '../time/parse-time.js';
import { watchLogDir } from '../watch.js';
import { EventMarkers } from './events-file.js';
import { cursorsAt, mergedNearest, type MergedLog } from './merged-search.js';
import { MergedWindow } from './merged-window.js';
import { DirectoryStream, MarkerStream, type StreamItem } from './streams.js';

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
  private readonly window_: MergedWindow;
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
    this.window_ = new MergedWindow(
      this.logs.map((l) => l.stream),
      Math.max(1, rows),
    );
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
    };
  }

  move(move: LogMove): void {
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
      case 'nextDirectory':
        return;
    }
    this.notify();
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
    return this.stepWith(search.query, direction, `no more hits for ${search.query.pattern}`);
  }

  stepLevel(level: LogLevel, direction: 1 | -1): Promise<Fact<LogStepCode>> {
    const pattern = { ...DEFAULT_LEVEL_PATTERNS, ...this.options.levels }[level];
    const query = parseQuery(pattern);
    if (isQueryError(query)) return Promise.resolve({ code: 'bad-query', text: query.error });
    return this.stepWith(query, direction, `no more ${level}s`);
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
      this.window_.tail();
      this.notify();
      return {
        code: 'after-end',
        text: `nothing logged at or after ${when.trim()}: showing the end`,
      };
    }
    this.window_.placeAt(cursors);
    this.notify();
    return { code: 'found', text: `at ${when.trim()}` };
  }

  async setFilters(filters: readonly LogFilterInput[]): Promise<Fact<'found' | 'bad-query'>> {
    if (filters.some((f) => f.enabled)) {
      return {
        code: 'bad-query',
        text: "filters work on one service's log; leave the merged view (M) to filter",
      };
    }
    return { code: 'found', text: 'no filter' };
  }

  private async stepWith(
    query: SearchQuery,
    direction: 1 | -1,
    none: string,
  ): Promise<Fact<LogStepCode>> {
    const generation = this.generation;
    const landed = this.landed;
    const visible = landed && this.window_.items.some((i) => samePlace(i, landed));
    const from = visible ? landed : this.origin(direction);
    if (!from) return { code: 'none', text: none };
    const hit = await mergedNearest(
      this.logs,
      chunkMatcher(query),
      { item: from, key: { at: from.at ?? -Infinity, source: from.source } },
      direction,
      {
        files: this.options.files,
        stampZone: this.options.stampZone,
        cancelled: () => generation !== this.generation,
        runs: this.runs,
      },
    );
    if (generation !== this.generation) return { code: 'cancelled', text: 'cancelled' };
    if (!hit) return { code: 'none', text: none };
    this.landed = hit;
    if (!this.window_.items.some((i) => samePlace(i, hit))) {
      const cursors = cursorsAt(this.logs, hit.at ?? -Infinity, this.options);
      cursors[hit.source] = hit.pos;
      this.window_.placeAt(cursors);
      if (!this.window_.following) this.window_.scroll(-Math.floor(this.rows / 3));
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
      const run = new SearchRun({ files, dir: log.dir! }, (c) => queryLines(c, matcher), matcher);
      this.runs.add(run);
      const before = { total: state.total, scanned: state.scanned };
      const spec = { query: { text: state.query.text, literal: state.literal } };
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
      for (const log of this.logs)
        if (log.stream instanceof DirectoryStream) log.stream.invalidate();
      for (const [i, stream] of this.markerStreams.entries())
        stream.setMarkers(this.markerFiles[i]!.read());
      this.window_.refresh();
      this.notify();
    }, this.options.batchMs ?? 20);
    this.timer.unref();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function samePlace(a: StreamItem, b: StreamItem): boolean {
  return a.source === b.source && a.pos.fileId === b.pos.fileId && a.pos.offset === b.pos.offset;
}
