// Search, filters, error steps and time jumps for one log directory, beside its plain view
// (view.ts): the engine behind the LogTimeline port's search, step, stepLevel, jump and
// setFilters. It owns what the window shows while filters are on (a FilteredWindow) and the
// count of the lines they hide; the search and its count are log-search.ts's, the steps to the
// nearest hit, error or warning and the jumps to a time log-steps.ts's. Every long walk runs in
// slices (chunks.ts) and can be superseded or cancelled.
import { timelineFraction } from '../segments.js';
import type { LogPosition, LogView } from '../types.js';
import { FilteredWindow, type FilteredMove } from './filtered-window.js';
import {
  compileFilters,
  filtersActive,
  shownLines,
  type FilterSpec,
  type Filters,
} from './filters.js';
import { countHiddenLines, type HiddenCount } from './hidden-lines.js';
import { LogSearch } from './log-search.js';
import { LogSteps, type StepResult, type StepsOptions } from './log-steps.js';
import type { SearchProgress } from './search-run.js';

export interface LogToolsOptions extends StepsOptions {
  maxLineBytes?: number;
}

export class TimelineTools {
  /** The filters on, compiled and as typed (enabled ones: for counts in a worker thread). */
  private filters: { filters: Filters; specs: FilterSpec[] } | undefined;
  private filtered: FilteredWindow | undefined;
  private hiddenCount: HiddenCount | undefined;
  private hidden: SearchProgress | undefined;
  private readonly steps: LogSteps;
  private readonly search: LogSearch;

  constructor(
    private readonly options: LogToolsOptions,
    private readonly view: LogView,
  ) {
    this.steps = new LogSteps(options, {
      positions: () => this.positions(),
      following: () => this.following(),
      filters: () => this.filters,
      moveTo: (move, rows, context) => this.moveTo(move, rows, context),
    });
    this.search = new LogSearch(options, this.steps, () => this.filters?.specs);
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
    const fraction = at ? timelineFraction(at, segments) : 0;
    return { atTop: filtered.atTop, fraction };
  }

  following(): boolean {
    return this.filtered ? this.filtered.following : this.view.following;
  }

  positions(): readonly LogPosition[] {
    return this.filtered ? this.filtered.positions() : this.view.positions();
  }

  hits(lines: readonly string[]): Array<Array<[number, number]>> | undefined {
    return this.search.hits(lines);
  }

  landedRow(): number | undefined {
    return this.steps.landedRow();
  }

  searchFacts() {
    return this.search.facts();
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

  /** The directory changed on disk: the filtered window follows, the counts count on. */
  diskChanged(rows: number): void {
    if (this.filtered?.following) void this.filtered.refresh(rows);
    this.hiddenCount?.countOn.changed();
    this.search.diskChanged();
  }

  // ---- search -----------------------------------------------------------------------------

  startSearch(text: string, literal: boolean): StepResult {
    return this.search.start(text, literal);
  }

  cancelSearch(): void {
    this.search.cancel();
  }

  step(direction: 1 | -1, rows: number): Promise<StepResult> {
    return this.search.step(direction, rows);
  }

  stepLevel(level: 'error' | 'warning', direction: 1 | -1, rows: number): Promise<StepResult> {
    return this.steps.stepLevel(level, direction, rows);
  }

  // ---- jumps ------------------------------------------------------------------------------

  jump(when: string, zoneName: string, rows: number): Promise<StepResult> {
    return this.steps.jump(when, zoneName, rows);
  }

  // ---- filters ----------------------------------------------------------------------------

  setFilters(specs: readonly FilterSpec[], rows: number): StepResult {
    const compiled = compileFilters(specs);
    if ('error' in compiled)
      return { code: 'bad-query', text: `filter ${compiled.index + 1}: ${compiled.error}` };
    this.filtered?.cancel();
    this.hiddenCount?.countOn.cancel();
    if (!filtersActive(compiled.filters)) {
      // Back to every line, where the filtered window was.
      const was = this.filtered;
      const at = was?.position();
      if (was && !was.following && at) this.view.restore(at);
      else if (was) this.view.tail(rows);
      this.filters = undefined;
      this.filtered = undefined;
      this.hiddenCount = undefined;
      this.hidden = undefined;
      this.search.restart();
      this.options.changed();
      return { code: 'found', text: 'no filter' };
    }
    const filters = compiled.filters;
    const on = { filters, specs: specs.filter((f) => f.enabled).map((f) => ({ ...f })) };
    this.filters = on;
    const { files, dir } = this.options;
    const before = this.filtered ?? this.view;
    const start = before.following ? undefined : before.position();
    // The hidden plain view follows the end, so its watcher reports every new line.
    this.view.tail(rows);
    const window = new FilteredWindow(
      files,
      dir,
      (c) => shownLines(c, filters),
      this.options.maxLineBytes ?? 4096,
      () => this.options.changed(),
    );
    this.filtered = window;
    void window.move(start ? { kind: 'at', position: start } : { kind: 'tail' }, rows);
    const hidden = countHiddenLines(files, dir, on.specs, (p, run) => {
      if (this.hiddenCount?.run !== run) return;
      this.hidden = p;
      this.options.changed();
    });
    this.hiddenCount = hidden;
    this.hidden = hidden.run.progress();
    this.search.restart();
    return { code: 'found', text: `${on.specs.length} filters on` };
  }

  close(): void {
    this.search.close();
    this.hiddenCount?.countOn.cancel();
    this.filtered?.cancel();
  }

  // ---- inside -----------------------------------------------------------------------------

  /** Show a move's place, `context` rows down from the window's top. */
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
}
