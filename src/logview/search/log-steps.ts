// Steps through one log directory to the nearest line a selector picks — n/N for the search,
// e/E and w/W for errors and warnings — and jumps to the first line at a time, among the lines
// the filters show; and the line the last one landed on. A walk that finds nothing near goes on
// in a worker thread; a newer walk cancels the one under way.
import type { Zone } from '../../time/zone.js';
import type { LogFiles } from '../files.js';
import { mapPosition } from '../segments.js';
import { findInstant } from '../time/jump.js';
import { parseJumpTime } from '../time/parse-time.js';
import type { LogPosition } from '../types.js';
import { walkOnInWorker } from './background-count.js';
import { lineStarts, type LineSelector } from './chunk-match.js';
import type { FilteredMove } from './filtered-window.js';
import { chunkMatcher, queryLines, shownAmong, type Filters, type FilterSpec } from './filters.js';
import { DEFAULT_LEVEL_PATTERNS, type LevelPatterns } from './levels.js';
import { isQueryError, parseQuery, type SearchQuery } from './query.js';
import { SearchRun } from './search-run.js';
import type { SelectorSpec } from './selector.js';
import { micros } from './stamp.js';

export type StepCode =
  'found' | 'none' | 'cancelled' | 'bad-query' | 'bad-time' | 'after-end' | 'no-search';
export interface StepResult {
  code: StepCode;
  text: string;
}

export interface StepsOptions {
  files: LogFiles;
  dir: string;
  levels?: Partial<LevelPatterns>;
  /** The zone s6-log's local ISO stamps were written in (the box's). */
  stampZone: Zone;
  /** Resolve a zone name for jumps. */
  zone: (name: string) => Zone;
  /** Now, in seconds (labels' scale). */
  nowSeconds?: () => number;
  /** Something the window shows changed (a step landed, a count's progress, a move). */
  changed: () => void;
}

/** What steps need of the window they move. */
export interface SteppedWindow {
  positions(): readonly LogPosition[];
  following(): boolean;
  /** The filters on (steps land among the lines they show), if any. */
  filters(): { filters: Filters; specs: FilterSpec[] } | undefined;
  /** Show a move's place, `context` rows down from the window's top. */
  moveTo(move: FilteredMove, rows: number, context?: number): void;
}

export class LogSteps {
  /** The line the last step or jump landed on. */
  landed: LogPosition | undefined;
  private run: SearchRun | undefined;
  private readonly levelQueries: Record<'error' | 'warning', SearchQuery>;

  constructor(
    private readonly options: StepsOptions,
    private readonly window: SteppedWindow,
  ) {
    const patterns = { ...DEFAULT_LEVEL_PATTERNS, ...options.levels };
    const level = (text: string) => {
      const q = parseQuery(text);
      if (isQueryError(q)) throw new Error(`bad level pattern ${text}: ${q.error}`);
      return q;
    };
    this.levelQueries = { error: level(patterns.error), warning: level(patterns.warning) };
  }

  /** The landed line's row in the window, while it is on screen. */
  landedRow(): number | undefined {
    const at = this.landed;
    if (!at) return undefined;
    const row = this.window
      .positions()
      .findIndex((p) => p.fileId === at.fileId && p.offset === at.offset);
    return row < 0 ? undefined : row;
  }

  stepLevel(level: 'error' | 'warning', direction: 1 | -1, rows: number): Promise<StepResult> {
    const query = this.levelQueries[level];
    const m = chunkMatcher(query);
    const word = level === 'error' ? 'errors' : 'warnings';
    return this.step(
      (chunk) => queryLines(chunk, m),
      direction,
      rows,
      `no more ${word} ${direction > 0 ? 'below' : 'above'}`,
      { query: { text: query.text, literal: false } },
    );
  }

  /** To the nearest line `pick` picks, from the landed line while on screen, else the window. */
  async step(
    pick: LineSelector,
    direction: 1 | -1,
    rows: number,
    none: string,
    spec: SelectorSpec,
  ): Promise<StepResult> {
    // From the current hit while it is on screen, else from the window (less).
    const from =
      this.landed && this.landedRow() !== undefined ? this.landed : this.origin(direction);
    if (!from) return { code: 'none', text: none };
    const found = await this.nearest(this.selector(pick), from, direction, false, spec);
    if (found === 'cancelled') return { code: 'cancelled', text: 'cancelled' };
    if (!found) return { code: 'none', text: none };
    this.landed = found;
    this.land(found, rows);
    return { code: 'found', text: '' };
  }

  /** To the first line at or after a time typed in a zone (the first shown one, filtered). */
  async jump(when: string, zoneName: string, rows: number): Promise<StepResult> {
    const zone = this.options.zone(zoneName);
    const now = this.options.nowSeconds?.() ?? Date.now() / 1000;
    const parsed = parseJumpTime(when, zone, now);
    if ('error' in parsed) return { code: 'bad-time', text: parsed.error };
    const { files, dir, stampZone } = this.options;
    const landing = findInstant(files, dir, files.list(dir), micros(parsed.time), stampZone);
    if ('after' in landing) {
      this.window.moveTo({ kind: 'tail' }, rows);
      return {
        code: 'after-end',
        text: `nothing logged at or after ${when.trim()}: showing the end`,
      };
    }
    let position = landing.position;
    if (this.window.filters()) {
      // The first shown line at or after it.
      const spec = { shown: true };
      const next = await this.nearest(this.selector(lineStarts), position, 1, true, spec);
      if (next === 'cancelled') return { code: 'cancelled', text: 'cancelled' };
      if (!next) return { code: 'after-end', text: 'no shown line after that time' };
      position = next;
    }
    this.landed = position;
    this.window.moveTo({ kind: 'at', position }, rows);
    return { code: 'found', text: `at ${when.trim()}` };
  }

  /** Lines a selector picks, among those the filters show. */
  selector(pick: LineSelector): LineSelector {
    const filters = this.window.filters()?.filters;
    if (!filters) return pick;
    return (chunk) => shownAmong(pick(chunk), chunk, filters);
  }

  async nearest(
    select: LineSelector,
    from: LogPosition,
    direction: 1 | -1,
    inclusive: boolean,
    /** What `select` selects, as data, filters aside (a long walk goes on in a worker). */
    spec: SelectorSpec,
  ): Promise<LogPosition | undefined | 'cancelled'> {
    this.run?.cancel();
    const filters = this.window.filters()?.specs;
    const { files, dir } = this.options;
    const walkOn = walkOnInWorker(dir, { ...spec, ...(filters ? { filters } : {}) });
    const run = new SearchRun({ files, dir, walkOn }, select);
    this.run = run;
    const segments = files.list(dir);
    const mapped = mapPosition(from, segments);
    if (!mapped) return undefined;
    const found = await run.nearest(segments, mapped, direction, inclusive);
    if (run.cancelled) return 'cancelled';
    return found;
  }

  /** The walk under way stopped. */
  cancel(): void {
    this.run?.cancel();
  }

  /** Where n/N start when no hit is current: the window's first line, or the end. */
  private origin(direction: 1 | -1): LogPosition | undefined {
    if (direction < 0 && this.window.following()) {
      const { files, dir } = this.options;
      const last = files.list(dir).at(-1);
      return last && { fileId: last.id, name: last.name, offset: last.size };
    }
    return this.window.positions()[0];
  }

  /** Show a line the step found: where it is if visible, else a third down a new window. */
  private land(position: LogPosition, rows: number): void {
    if (this.landedRow() !== undefined) {
      this.options.changed();
      return;
    }
    this.window.moveTo({ kind: 'at', position }, rows, Math.floor(rows / 3));
  }
}
