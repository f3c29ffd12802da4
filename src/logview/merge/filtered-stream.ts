// A log directory of a merged timeline seen through filters (`&`, `&!`): a Stream whose items
// are only the lines the filters show. It keeps one run of shown lines — every shown line
// between two places of the directory, [low, high) — and answers the merged window's
// synchronous reads from it, walking further (by chunks, one pass over the bytes) only when a
// read goes past what the run holds. `prepare` walks ahead of a move in slices, yielding to the
// event loop, so that a filter showing one line in a million never holds a key: the move that
// follows finds its lines in the run. The run is dropped when the directory changes.
import type { Zone } from '../../time/zone.js';
import type { LogFiles } from '../files.js';
import { mapPosition, type Segment } from '../segments.js';
import { ChunkWalk, inSlices, type Chunk, type Place } from '../search/chunks.js';
import type { LineSelector } from '../search/chunk-match.js';
import { shownLine } from '../search/shown-lines.js';
import { micros, stampTime } from '../search/stamp.js';
import { performance } from 'node:perf_hooks';
import type { LogPosition } from '../types.js';
import type { Stream, StreamItem } from './streams.js';

/** Shown lines kept at most; beyond it the run gives up its far end. */
const RUN_ITEMS = 4000;

/**
 * 256 KB a read: a window of 50 lines needs a few KB of a filter that shows one line in ten, and
 * twenty services are read at each move; a rare filter costs a few more reads per megabyte.
 */
const READ_BYTES = 256 * 1024;

/** Shown lines a walk takes beyond what it was asked for: the next few small moves need none. */
const SPARE_ITEMS = 200;

interface Run {
  low: Place;
  high: Place;
  /** Shown lines in [low, high), oldest first, with their places. */
  items: { place: Place; item: StreamItem }[];
}

export interface FilteredStreamDeps {
  files: LogFiles;
  dir: string;
  source: number;
  stampZone: Zone;
  select: LineSelector;
  maxLineBytes: number;
  /** Bytes a read (READ_BYTES unless told). */
  chunkBytes?: number;
}

export class FilteredStream implements Stream {
  private listing: Segment[] | undefined;
  private run: Run | undefined;

  constructor(private readonly deps: FilteredStreamDeps) {}

  get dir(): string {
    return this.deps.dir;
  }

  before(cursor: LogPosition | undefined, count: number): StreamItem[] {
    const at = this.place(cursor);
    if (!at) return [];
    const run = this.runAt(at);
    const walk = this.walker(run, -1);
    let have = itemsBefore(run, at).length;
    while (have < count && walk.step(count - have)) have = itemsBefore(run, at).length;
    walk.close();
    return itemsBefore(run, at)
      .slice(-count)
      .map((i) => i.item);
  }

  from(cursor: LogPosition | undefined, count: number): StreamItem[] {
    if (!cursor) return [];
    const at = this.place(cursor);
    if (!at) return [];
    const run = this.runAt(at);
    const walk = this.walker(run, 1);
    let have = itemsFrom(run, at).length;
    while (have < count && walk.step(count - have)) have = itemsFrom(run, at).length;
    walk.close();
    return itemsFrom(run, at)
      .slice(0, count)
      .map((i) => i.item);
  }

  first(): LogPosition | undefined {
    const segments = this.list();
    const start = segments[0];
    if (!start) return undefined;
    const item = this.from({ fileId: start.id, name: start.name, offset: 0 }, 1)[0];
    return item?.pos;
  }

  /**
   * Walk in slices until the run holds `before` shown lines before `cursor` and `after` from it
   * (or the log's ends); false when cancelled.
   */
  async prepare(
    cursor: LogPosition | undefined,
    before: number,
    after: number,
    cancelled: () => boolean,
  ): Promise<boolean> {
    const at = this.place(cursor);
    if (!at) return true;
    const run = this.runAt(at);
    for (const direction of [-1, 1] as const) {
      const missing = () =>
        direction < 0 ? before - itemsBefore(run, at).length : after - itemsFrom(run, at).length;
      const walk = this.walker(run, direction);
      try {
        const done = await inSlices(
          () => {
            const more = missing();
            return more <= 0 || !walk.step(more);
          },
          cancelled,
          () => performance.now(),
        );
        if (!done) return false;
      } finally {
        walk.close();
      }
    }
    return true;
  }

  /** The directory changed: list it again, and read what the filters show again. */
  invalidate(): void {
    this.listing = undefined;
    this.run = undefined;
  }

  private list(): Segment[] {
    this.listing ??= this.deps.files.list(this.deps.dir);
    return this.listing;
  }

  /** A cursor as a place in the listing (undefined cursor: the end). */
  private place(cursor: LogPosition | undefined): Place | undefined {
    const segments = this.list();
    if (!cursor) {
      const index = segments.length - 1;
      return index < 0 ? undefined : { index, offset: segments[index]!.size };
    }
    const mapped = mapPosition(cursor, segments);
    return mapped && { index: mapped.index, offset: mapped.offset };
  }

  /** The run when it covers `at`, else a new empty one there. */
  private runAt(at: Place): Run {
    const run = this.run;
    if (run && compare(run.low, at) <= 0 && compare(at, run.high) <= 0) return run;
    this.run = { low: at, high: at, items: [] };
    return this.run;
  }

  /**
   * One chunk at a time from the run's low end (−1) or high end (1); step(n) takes the n shown
   * lines nearest the run (a few more for the next small move), false at the end.
   */
  private walker(run: Run, direction: 1 | -1) {
    const { files, dir, chunkBytes } = this.deps;
    const walk = new ChunkWalk(files, dir, this.list(), chunkBytes ?? READ_BYTES);
    let chunks: Generator<Chunk> | undefined;
    return {
      step: (wanted: number): boolean => {
        chunks ??= direction > 0 ? walk.forward(run.high) : walk.backward(run.low);
        const next = chunks.next();
        if (next.done) return false;
        this.absorb(run, next.value, direction, Math.max(wanted, SPARE_ITEMS));
        return true;
      },
      close: () => walk.close(),
    };
  }

  /**
   * A chunk's shown lines joined to the run, at most `limit` of them: those nearest the run, the
   * run's end then placed at the last one taken (only their text is decoded).
   */
  private absorb(run: Run, chunk: Chunk, direction: 1 | -1, limit: number): void {
    const starts = this.deps.select(chunk.bytes);
    const kept = direction > 0 ? starts.slice(0, limit) : starts.slice(-limit);
    const dropped = starts.length > kept.length;
    const items = kept.map((at) => {
      const line = shownLine(chunk, at, this.deps.maxLineBytes);
      const time = stampTime(line.text, this.deps.stampZone);
      const item: StreamItem = {
        source: this.deps.source,
        at: time ? micros(time) : undefined,
        text: line.text,
        pos: { fileId: line.fileId, name: line.name, offset: line.start },
        next: { fileId: line.fileId, name: line.name, offset: line.next },
      };
      return { place: { index: chunk.index, offset: line.start }, item };
    });
    if (direction > 0) {
      run.items.push(...items);
      run.high = {
        index: chunk.index,
        offset: chunk.start + (dropped ? starts[kept.length]! : chunk.bytes.length),
      };
      // Give up the oldest lines: the run then starts at the first one kept.
      if (run.items.length > RUN_ITEMS) {
        run.items.splice(0, run.items.length - RUN_ITEMS);
        run.low = run.items[0]!.place;
      }
    } else {
      run.items.unshift(...items);
      run.low = { index: chunk.index, offset: chunk.start + (dropped ? kept[0]! : 0) };
      if (run.items.length > RUN_ITEMS) {
        run.items.splice(RUN_ITEMS);
        const last = run.items.at(-1)!;
        run.high = { index: last.place.index, offset: last.item.next.offset };
      }
    }
  }
}

function compare(a: Place, b: Place): number {
  return a.index - b.index || a.offset - b.offset;
}

function itemsBefore(run: Run, at: Place) {
  return run.items.filter((i) => compare(i.place, at) < 0);
}

function itemsFrom(run: Run, at: Place) {
  return run.items.filter((i) => compare(i.place, at) >= 0);
}
