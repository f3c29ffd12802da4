// The merged window's moves — top, tail, pages, half pages, lines, a jump to a time typed in a
// zone — and, while filters are on, each log's shown lines walked in slices ahead of a move
// (merged-filters.ts prepareMove) so that no key waits on a rare filter. A newer move
// supersedes one still walking (a generation).
import type { Fact, LogMove, LogStepCode } from '../../source/port.js';
import type { Zone } from '../../time/zone.js';
import type { LogFiles } from '../files.js';
import { micros } from '../search/stamp.js';
import { parseJumpTime } from '../time/parse-time.js';
import type { LogPosition } from '../types.js';
import { prepareMove } from './merged-filters.js';
import { cursorsAt, type MergedLog } from './merged-search.js';
import type { MergedWindow } from './merged-window.js';

export type Move = Exclude<LogMove, { kind: 'nextDirectory' }>;

export interface MovesOptions {
  files: LogFiles;
  stampZone: Zone;
  zone: (name: string) => Zone;
  nowSeconds?: () => number;
}

/** What the moves need of the merged timeline. */
export interface MovedTimeline {
  readonly logs: readonly MergedLog[];
  window(): MergedWindow;
  rows(): number;
  filtered(): boolean;
  notify(): void;
}

export class MergedMoves {
  /** Moves while filtered: a newer one supersedes one still walking. */
  private moves = 0;

  constructor(
    private readonly timeline: MovedTimeline,
    private readonly options: MovesOptions,
  ) {}

  move(move: Move): void {
    if (this.timeline.filtered()) {
      void this.moveFiltered(move);
      return;
    }
    this.moveNow(move);
    this.timeline.notify();
  }

  async jump(when: string, zoneName: string): Promise<Fact<LogStepCode>> {
    const { timeline, options } = this;
    const zone = options.zone(zoneName);
    const now = options.nowSeconds?.() ?? Date.now() / 1000;
    const parsed = parseJumpTime(when, zone, now);
    if ('error' in parsed) return { code: 'bad-time', text: parsed.error };
    const cursors = cursorsAt(timeline.logs, micros(parsed.time), options);
    const rows = timeline.rows();
    if (cursors.every((c) => c === undefined)) {
      if (timeline.filtered() && !(await this.prepare(undefined, rows + 1, 0)))
        return { code: 'cancelled', text: 'cancelled' };
      timeline.window().tail();
      timeline.notify();
      return {
        code: 'after-end',
        text: `nothing logged at or after ${when.trim()}: showing the end`,
      };
    }
    if (timeline.filtered() && !(await this.prepare(cursors, 1, 2 * rows)))
      return { code: 'cancelled', text: 'cancelled' };
    timeline.window().placeAt(cursors);
    timeline.notify();
    return { code: 'found', text: `at ${when.trim()}` };
  }

  /**
   * Walk the filtered logs ahead of a move from `cursors` (undefined: every log's end). A newer
   * move supersedes it; a refresh (`move: false`) gives way to any move and supersedes none;
   * new filters are superseded by newer ones only (`cancelled`).
   */
  prepare(
    cursors: readonly (LogPosition | undefined)[] | undefined,
    before: number,
    after: number,
    move: boolean | (() => boolean) = true,
  ): Promise<boolean> {
    const generation = move === true ? ++this.moves : this.moves;
    const cancelled = typeof move === 'function' ? move : () => generation !== this.moves;
    const streams = this.timeline.logs.map((l) => l.stream);
    const at = cursors ?? streams.map(() => undefined);
    return prepareMove(streams, at, before, after, cancelled);
  }

  /** Every walk under way stops (the timeline closed). */
  cancel(): void {
    this.moves++;
  }

  private moveNow(move: Move): void {
    const w = this.timeline.window();
    if (move.kind === 'tail') w.tail();
    else if (move.kind === 'top') w.top();
    else w.scroll(move.direction * lines(move, this.timeline.rows()));
  }

  /** A move while filtered: each log's lines walked in slices first, then the move. */
  private async moveFiltered(move: Move): Promise<void> {
    const rows = this.timeline.rows();
    const ready =
      move.kind === 'tail'
        ? await this.prepare(undefined, rows + 1, 0)
        : move.kind === 'top'
          ? await this.prepare(this.firstPlaces(), 0, rows)
          : await this.prepareBy(move.direction * lines(move, rows));
    if (!ready) return;
    this.moveNow(move);
    this.timeline.notify();
  }

  /** Walk the filtered logs for a move by `by` lines (negative: up) from the window's top. */
  private prepareBy(by: number): Promise<boolean> {
    const cursors = this.timeline.window().cursorsNow();
    const rows = this.timeline.rows();
    return by < 0 ? this.prepare(cursors, -by + 1, rows) : this.prepare(cursors, 1, by + rows);
  }

  private firstPlaces(): (LogPosition | undefined)[] {
    const { files } = this.options;
    return this.timeline.logs.map((l) => {
      const first = l.dir ? files.list(l.dir)[0] : undefined;
      return first && { fileId: first.id, name: first.name, offset: 0 };
    });
  }
}

/** Lines a page, half page or line moves by. */
function lines(move: Extract<Move, { direction: 1 | -1 }>, rows: number): number {
  if (move.kind === 'page') return rows;
  if (move.kind === 'half') return Math.max(1, Math.floor(rows / 2));
  return 1;
}
