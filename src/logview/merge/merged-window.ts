// A window over several logs merged into one timeline (merge-order.ts): kept as one cursor per
// log — where that log's first line at or below the window's top is (undefined: its end) — so
// every move reads at most a window's worth of lines from each log, never the logs themselves:
//   up by n   — the n items before each cursor, merged, the last n kept: the new top;
//   down by n — n + rows items from each cursor, merged, the first n skipped;
//   tail      — the rows items before each log's end, merged, the last rows kept; following.
// Moves are synchronous, like the single log's view.
import { mergeUnits, unitsOf, type MergeUnit } from './merge-order.js';
import type { Stream, StreamItem } from './streams.js';
import type { LogPosition } from '../types.js';

export class MergedWindow {
  following = true;
  items: StreamItem[] = [];
  private cursors: (LogPosition | undefined)[];

  /** At the tail, following; or with its top at `start` (one cursor per stream). */
  constructor(
    private readonly streams: readonly Stream[],
    private rows: number,
    start?: readonly (LogPosition | undefined)[],
  ) {
    this.cursors = streams.map(() => undefined);
    if (start) this.placeAt(start);
    else this.tail();
  }

  setRows(rows: number): void {
    this.rows = Math.max(1, rows);
  }

  tail(): void {
    this.cursors = this.streams.map(() => undefined);
    this.up(this.rows, []);
    this.following = true;
  }

  top(): void {
    this.cursors = this.streams.map((s) => s.first());
    this.following = false;
    this.fill();
  }

  /** Move by `delta` items (negative: up). */
  scroll(delta: number): void {
    if (delta < 0) {
      const wasFollowing = this.following;
      this.up(-delta, this.items);
      this.following = wasFollowing && this.items.length < this.rows;
      return;
    }
    if (delta === 0 || this.following) return;
    const merged = this.merge(
      this.streams.map((s, i) => s.from(this.cursors[i], delta + this.rows)),
    );
    if (merged.length < delta + this.rows) {
      this.tail();
      return;
    }
    for (const item of merged.slice(0, delta)) this.cursors[this.indexOf(item)] = item.next;
    this.fill();
  }

  /** Put the window's top at `cursors` (one per stream), not following. */
  placeAt(cursors: readonly (LogPosition | undefined)[]): void {
    this.cursors = [...cursors];
    this.following = false;
    this.fill();
    if (this.items.length < this.rows) this.tail();
  }

  /** Read the window again at the same place (the logs changed). */
  refresh(): void {
    if (this.following) this.tail();
    else this.fill();
  }

  cursorsNow(): readonly (LogPosition | undefined)[] {
    return this.cursors;
  }

  atTop(): boolean {
    return this.streams.every((s, i) => s.before(this.cursors[i], 1).length === 0);
  }

  /** `by` items up; `shown`: the window before, which follows what is taken. */
  private up(by: number, shown: readonly StreamItem[]): void {
    const slices = this.streams.map((s, i) => s.before(this.cursors[i], by));
    const merged = this.merge(slices);
    const taken = merged.slice(-by);
    const seen = new Set<number>();
    for (const item of taken) {
      const i = this.indexOf(item);
      if (seen.has(i)) continue;
      seen.add(i);
      this.cursors[i] = item.pos;
    }
    // The window from the new top: what was taken, then what was shown (no second read).
    if (taken.length + shown.length >= this.rows) {
      this.items = [...taken, ...shown].slice(0, this.rows);
    } else this.fill();
  }

  private fill(): void {
    const merged = this.merge(this.streams.map((s, i) => s.from(this.cursors[i], this.rows)));
    this.items = merged.slice(0, this.rows);
  }

  private merge(slices: StreamItem[][]): StreamItem[] {
    const units: MergeUnit<StreamItem>[][] = slices.map((items, i) => unitsOf(items, i));
    return mergeUnits(units).flatMap((u) => u.items);
  }

  private indexOf(item: StreamItem): number {
    return item.source;
  }
}
