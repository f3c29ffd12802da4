// One merged timeline of several services behind the LogTimeline port (`M` in the console):
// their logs interleaved by stamp (merge-order.ts) with each service's restarts as marker
// lines (merged-logs.ts), each row tagged with its service for the prefix and colour; it
// follows new lines, pages and jumps (merged-moves.ts), searches and steps between errors
// (merged-stepper.ts) and filters (`&`, `&!`: merged-filters.ts, set here, where newer filters
// supersede those whose first window is still being read).
import type {
  Fact,
  LogFilterInput,
  LogLevel,
  LogMove,
  LogQueryInput,
  LogStepCode,
  LogTimeline,
  LogWindowFacts,
} from '../../source/port.js';
import { compileFilters, filtersActive, type FilterSpec } from '../search/filters.js';
import { CountOn } from '../search/count-on.js';
import type { SearchRun } from '../search/search-run.js';
import { countHidden, filteredStreams, type MergedFilters } from './merged-filters.js';
import { mergedLogs, watchServices, type MergedLogs, type MergedService } from './merged-logs.js';
import { MergedMoves, type MovesOptions } from './merged-moves.js';
import { MergedStepper, type StepperOptions } from './merged-stepper.js';
import { MergedWindow } from './merged-window.js';
import type { Stream } from './streams.js';

export type { MergedService } from './merged-logs.js';

export interface MergedOptions extends MovesOptions, StepperOptions {
  title: string;
  /** Read the logs again at most this often when they change (ms). */
  batchMs?: number;
  watch?: boolean;
}

export class MergedTimeline implements LogTimeline {
  private readonly merged: MergedLogs;
  private window_: MergedWindow;
  /** Each log's stream without filters. */
  private readonly plain: Stream[];
  private filters: MergedFilters | undefined;
  private hidden: { lines: number; complete: boolean } | undefined;
  /** The hidden lines' counts under way, and those counting on. */
  private readonly hiddenCounts = new Set<SearchRun | CountOn>();
  /** Filters set: newer ones supersede those whose first window is still being read. */
  private filterings = 0;
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];
  private readonly moves: MergedMoves;
  private readonly stepper: MergedStepper;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    services: readonly MergedService[],
    private rows: number,
    private readonly options: MergedOptions,
  ) {
    this.merged = mergedLogs(services, options);
    if (options.watch ?? true) this.stops.push(...watchServices(services, () => this.schedule()));
    this.plain = this.merged.logs.map((l) => l.stream);
    this.window_ = new MergedWindow(this.plain, Math.max(1, rows));
    const timeline = {
      logs: this.merged.logs,
      window: () => this.window_,
      rows: () => this.rows,
      filters: () => this.filters,
      filtered: () => this.filters !== undefined,
      notify: () => this.notify(),
    };
    this.moves = new MergedMoves(timeline, options);
    this.stepper = new MergedStepper(
      {
        ...timeline,
        prepare: (cursors, before, after) => this.moves.prepare(cursors, before, after),
      },
      options,
    );
  }

  window(): LogWindowFacts {
    const items = this.window_.items;
    const lines = items.map((i) => i.text);
    const { names } = this.merged;
    return {
      title: this.options.title,
      lines,
      following: this.window_.following,
      atTop: this.window_.atTop(),
      fraction: this.window_.following ? 1 : 0,
      origins: items.map((i) => ({
        service: names[i.source]!,
        ...(i.marker ? { marker: true } : {}),
      })),
      ...this.stepper.facts(items, lines),
      ...(this.filters && this.hidden ? { hidden: this.hidden } : {}),
    };
  }

  move(move: LogMove): void {
    if (move.kind !== 'nextDirectory') this.moves.move(move);
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
    this.stepper.cancel();
    this.moves.cancel();
    this.filterings++;
    this.cancelHiddenCounts();
    for (const stop of this.stops) stop();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  search(input: LogQueryInput): Promise<Fact<'found' | 'bad-query'>> {
    return this.stepper.search(input);
  }

  step(direction: 1 | -1): Promise<Fact<LogStepCode>> {
    return this.stepper.step(direction);
  }

  stepLevel(level: LogLevel, direction: 1 | -1): Promise<Fact<LogStepCode>> {
    return this.stepper.stepLevel(level, direction);
  }

  cancelSearch(): void {
    this.stepper.cancel();
  }

  jump(when: string, zoneName: string): Promise<Fact<LogStepCode>> {
    return this.moves.jump(when, zoneName);
  }

  async setFilters(filters: readonly LogFilterInput[]): Promise<Fact<'found' | 'bad-query'>> {
    const specs: FilterSpec[] = filters.map((f) => ({ ...f, literal: f.literal ?? false }));
    const compiled = compileFilters(specs);
    if ('error' in compiled)
      return { code: 'bad-query', text: `filter ${compiled.index + 1}: ${compiled.error}` };
    this.cancelHiddenCounts();
    const was = this.window_;
    const active = filtersActive(compiled.filters);
    const state = active
      ? { filters: compiled.filters, specs: specs.filter((f) => f.enabled) }
      : undefined;
    const { files, stampZone } = this.options;
    const { logs } = this.merged;
    const dirs = logs.map((l) => l.dir);
    const streams = state
      ? filteredStreams(this.plain, dirs, state.filters, { files, stampZone })
      : this.plain;
    for (const [i, log] of logs.entries()) log.stream = streams[i]!;
    this.filters = state;
    this.hidden = state && { lines: 0, complete: false };
    // The new window where the old one was: its cursors are places in the same files.
    const cursors = was.following ? undefined : was.cursorsNow();
    const mine = ++this.filterings;
    const superseded = () => mine !== this.filterings;
    const after = cursors ? this.rows : 0;
    if (state && !(await this.moves.prepare(cursors, this.rows + 1, after, superseded)))
      return { code: 'found', text: 'superseded' };
    this.window_ = new MergedWindow(streams, this.rows, cursors);
    this.stepper.restart();
    if (state) {
      const logDirs = dirs.filter((d): d is string => d !== undefined);
      void countHidden(logDirs, state, files, this.hiddenCounts, (hidden) => {
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

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const log of this.merged.logs) log.stream.invalidate?.();
      this.merged.reloadMarkers();
      for (const count of this.hiddenCounts) if (count instanceof CountOn) count.changed();
      this.stepper.diskChanged();
      void this.refresh();
    }, this.options.batchMs ?? 20);
    this.timer.unref();
  }

  /** The window read again where it is (the logs changed). */
  private async refresh(): Promise<void> {
    const w = this.window_;
    if (this.filters) {
      const cursors = w.following ? undefined : w.cursorsNow();
      const ready = await this.moves.prepare(
        cursors,
        this.rows + 1,
        cursors ? this.rows : 0,
        false,
      );
      if (!ready) return;
    }
    this.window_.refresh();
    this.notify();
  }

  private cancelHiddenCounts(): void {
    for (const count of this.hiddenCounts) count.cancel();
    this.hiddenCounts.clear();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
