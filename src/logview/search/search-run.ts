// A search over one log directory's timeline, in the background: counting every hit (a hit is
// a line, as grep -c counts) from the oldest file to the end with progress, and finding the
// nearest hit before or after a place (n/N, e/E, w/W). Work runs in slices of a few ms between
// which the event loop runs, so keys never wait; every walk can be cancelled. The count keeps,
// per chunk, how many hits came before it, so "hit X of Y" for any line costs one chunk.
import { performance } from 'node:perf_hooks';
import type { LogFiles } from '../files.js';
import { ROTATING, type Segment } from '../segments.js';
import type { LogPosition } from '../types.js';
import { CHUNK_BYTES, ChunkWalk, inSlices, type Chunk, type Place } from './chunks.js';
import { CountedChunks, latin1, type CountedChunk } from './counted-chunks.js';
import type { ChunkMatcher } from './chunk-match.js';
import { literalNeedle } from './literal.js';

/** Which lines of a chunk count (hits, hidden lines…): their starts, ascending. */
export type LineSelector = (chunk: Uint8Array) => number[];

export interface SearchProgress {
  /** Hits counted so far. */
  total: number;
  /** Bytes looked at, of how many. */
  scanned: number;
  size: number;
  done: boolean;
  cancelled: boolean;
}

/** The nearest line from `from` found elsewhere, or 'unavailable' (then the walk goes on here). */
export type WalkOn = (
  segments: readonly Segment[],
  from: Place,
  direction: 1 | -1,
  onCancel: (cancel: () => void) => void,
) => Promise<LogPosition | undefined | 'unavailable'>;

export interface SearchDeps {
  files: LogFiles;
  dir: string;
  now?: () => number;
  /**
   * Where a walk for the nearest line that finds nothing in its first NEAR_BYTES goes on: a
   * worker thread (background-count.ts, walkOnInWorker). Without it, the walk goes on here.
   */
  walkOn?: WalkOn;
  /** Bytes a walk reads here before the worker takes over (NEAR_BYTES unless told). */
  nearBytes?: number;
}

/**
 * 8 MB: what a walk for the nearest line reads on the main thread before it hands the rest to a
 * worker — a few ms for a literal, ~10 ms for an expression, so a hit near the window lands at
 * once, and a walk through gigabytes (a pattern found nowhere) leaves the main thread idle for
 * keys instead of holding the CPU in slices for a second.
 */
export const NEAR_BYTES = 8 << 20;

/** A walk's end: the line found, or where it stopped short (its budget spent). */
interface Walked {
  found?: LogPosition;
  resume?: Place;
}

export class SearchRun {
  private readonly counted = new CountedChunks();
  private progressState: SearchProgress;
  private stopped = false;
  private revised = 0;
  private readonly cancelHooks: (() => void)[] = [];
  private readonly now: () => number;

  /**
   * `matcher`: a literal query's needle, tuned on the first chunk read; `countIn`: how many
   * lines `select` picks in a chunk, without listing them (a count's fast path).
   */
  constructor(
    private readonly deps: SearchDeps,
    private readonly select: LineSelector,
    private readonly matcher?: ChunkMatcher,
    private readonly countIn: (chunk: Uint8Array) => number = (chunk) => select(chunk).length,
  ) {
    this.now = deps.now ?? (() => performance.now());
    this.progressState = { total: 0, scanned: 0, size: 0, done: false, cancelled: false };
  }

  progress(): SearchProgress {
    return { ...this.progressState };
  }

  /** Count every hit of the listing, reporting progress at most every `everyMs`. */
  async count(
    segments: readonly Segment[],
    onProgress: (p: SearchProgress) => void,
    everyMs = 100,
  ): Promise<SearchProgress> {
    const walk = new ChunkWalk(this.deps.files, this.deps.dir, segments);
    const size = segments.reduce((sum, s) => sum + s.size, 0);
    this.progressState = { ...this.progressState, size };
    try {
      const finished = await this.tally(walk.forward({ index: 0, offset: 0 }), onProgress, everyMs);
      this.progressState = { ...this.progressState, done: finished, cancelled: !finished };
    } finally {
      walk.close();
    }
    onProgress(this.progress());
    return this.progress();
  }

  /**
   * After a count that ended: count on over what was written since — the rest of the file the
   * count ended in (a line it found half-written is taken back and counted whole) and the files
   * that came after it. The total stays that of the files there now: a file gone (retention, or
   * `current` rewritten by a processor into a new file) leaves it. `current` caught between its
   * rename to `previous` and its link to `@….s` (multilog, s6-log) is still there.
   */
  async countOn(onProgress: (p: SearchProgress) => void, everyMs = 100): Promise<SearchProgress> {
    const { files, dir } = this.deps;
    const listing = files.list(dir);
    const rotating = this.rotatingTail(listing);
    const here = new Map([...listing, ...(rotating ? [rotating] : [])].map((s) => [s.id, s]));
    const total = this.counted.hits;
    const left = this.counted.settle(here, (segment, bytes) => this.head(segment, bytes));
    if (this.counted.hits !== total) this.revised++;
    const tail = this.counted.last;
    const counted = this.counted.fileIds();
    const tailSegment = tail && here.get(tail.fileId);
    const newer = listing.filter((s) => !counted.has(s.id));
    const segments = tailSegment ? [tailSegment, ...newer] : newer;
    const walk = new ChunkWalk(files, dir, segments);
    const scanned = this.progressState.scanned - left;
    const size = [...here.values()].reduce((sum, s) => sum + s.size, 0);
    this.progressState = { ...this.progressState, total: this.counted.hits, scanned, size };
    try {
      const from = tail && tailSegment ? this.takeBackCutLine(walk, tail) : 0;
      const finished = await this.tally(
        walk.forward({ index: 0, offset: from }),
        onProgress,
        everyMs,
        CHUNK_BYTES,
      );
      if (!finished) this.progressState = { ...this.progressState, done: false, cancelled: true };
    } finally {
      walk.close();
    }
    onProgress(this.progress());
    return this.progress();
  }

  /** Changed when a count on took hits back (a hit's number may go down). */
  get revision(): number {
    return this.revised;
  }

  /**
   * The hit's number (1-based) when the count has passed it; undefined before. Looks at the
   * one counted chunk that holds the line.
   */
  ordinal(
    position: LogPosition,
    read: (fileId: string, start: number, end: number) => Uint8Array | undefined,
  ): number | undefined {
    const chunk = this.counted.holding(position);
    if (!chunk) return undefined;
    const bytes = read(chunk.fileId, chunk.start, chunk.end);
    if (!bytes) return undefined;
    const starts = this.select(bytes);
    const within = starts.filter((s) => chunk.start + s <= position.offset).length;
    return chunk.before + within;
  }

  /**
   * The first hit after `from` (direction 1: a line starting past it) or the last one before it
   * (−1: a line starting before it), or undefined when there is none (or on cancel).
   */
  async nearest(
    segments: readonly Segment[],
    from: Place,
    direction: 1 | -1,
    inclusive = false,
  ): Promise<LogPosition | undefined> {
    const walk = new ChunkWalk(this.deps.files, this.deps.dir, segments);
    let walked: Walked;
    try {
      if (direction > 0) {
        const line = walk.forward(from).next().value as Chunk | undefined;
        // Step past the line at `from` itself.
        let start = from;
        if (!inclusive && line && line.start === from.offset && line.index === from.index) {
          const k = line.bytes.indexOf(10);
          start = {
            index: from.index,
            offset: k < 0 ? from.offset + line.bytes.length : from.offset + k + 1,
          };
        }
        walked = await this.walkFor(walk.forward(start), (starts) => starts[0], direction);
      } else {
        walked = await this.walkFor(walk.backward(from), (starts) => starts.at(-1), direction);
      }
    } finally {
      walk.close();
    }
    if (this.stopped) return undefined;
    if (!walked.resume || !this.deps.walkOn) return walked.found;
    // Nothing near: the rest in a worker thread, this thread free for keys.
    const rest = await this.deps.walkOn(segments, walked.resume, direction, (cancel) =>
      this.onCancel(cancel),
    );
    if (rest !== 'unavailable') return this.stopped ? undefined : rest;
    const again = new ChunkWalk(this.deps.files, this.deps.dir, segments);
    try {
      const chunks = direction > 0 ? again.forward(walked.resume) : again.backward(walked.resume);
      const pick = (starts: number[]) => (direction > 0 ? starts[0] : starts.at(-1));
      return (await this.walkFor(chunks, pick, direction, Infinity)).found;
    } finally {
      again.close();
    }
  }

  cancel(): void {
    this.stopped = true;
    for (const hook of this.cancelHooks) hook();
  }

  /** Also called on cancel (a count running elsewhere). */
  onCancel(hook: () => void): void {
    this.cancelHooks.push(hook);
  }

  /** The chunks counted from the `from`-th on. */
  countedSince(from: number): CountedChunk[] {
    return this.counted.since(from);
  }

  /** A count made elsewhere (a worker): its progress and the chunks it counted since. */
  absorb(progress: SearchProgress, chunks: readonly CountedChunk[]): void {
    this.counted.absorb(chunks);
    this.progressState = this.stopped ? { ...progress, done: false, cancelled: true } : progress;
  }

  get cancelled(): boolean {
    return this.stopped;
  }

  /**
   * The first line `pick` picks in the chunks; after `budget` bytes without one (when a worker
   * could go on), where the walk stopped instead.
   */
  private async walkFor(
    chunks: Generator<Chunk>,
    pick: (starts: number[]) => number | undefined,
    direction: 1 | -1,
    budget = this.deps.walkOn ? (this.deps.nearBytes ?? NEAR_BYTES) : Infinity,
  ): Promise<Walked> {
    const walked: Walked = {};
    let first = true;
    let read = 0;
    await inSlices(
      () => {
        const next = chunks.next();
        if (next.done) return true;
        const chunk = next.value;
        if (first) this.learn(chunk.bytes);
        first = false;
        const at = pick(this.select(chunk.bytes));
        if (at !== undefined) {
          walked.found = {
            fileId: chunk.segment.id,
            name: chunk.segment.name,
            offset: chunk.start + at,
          };
          return true;
        }
        read += chunk.bytes.length;
        if (read < budget) return false;
        const end = chunk.start + (direction > 0 ? chunk.bytes.length : 0);
        walked.resume = { index: chunk.index, offset: end };
        return true;
      },
      () => this.stopped,
      this.now,
    );
    return this.stopped ? {} : walked;
  }

  /** Count the chunks' hits, keeping each chunk's place; false when cancelled. */
  private tally(
    chunks: Generator<Chunk>,
    onProgress: (p: SearchProgress) => void,
    everyMs: number,
    growUpTo = 0,
  ): Promise<boolean> {
    let lastReport = this.now();
    let learnt = false;
    return inSlices(
      () => {
        const next = chunks.next();
        if (next.done) return true;
        const chunk = next.value;
        if (!learnt) this.learn(chunk.bytes);
        learnt = true;
        const hits = this.countIn(chunk.bytes);
        this.counted.add(chunk.segment, chunk.start, chunk.bytes, hits, growUpTo);
        const state = this.progressState;
        this.progressState = {
          ...state,
          total: state.total + hits,
          scanned: state.scanned + chunk.bytes.length,
        };
        if (this.now() - lastReport >= everyMs) {
          lastReport = this.now();
          onProgress(this.progress());
        }
        return false;
      },
      () => this.stopped,
      this.now,
    );
  }

  /** The counted file the count ended in, while it is `previous` (between rename and link). */
  private rotatingTail(listing: readonly Segment[]): Segment | undefined {
    const tail = this.counted.last;
    if (!tail || listing.some((s) => s.id === tail.fileId)) return undefined;
    const file = this.deps.files.open(this.deps.dir, ROTATING);
    try {
      return file?.id === tail.fileId
        ? { name: ROTATING, id: file.id, size: file.size }
        : undefined;
    } finally {
      file?.close();
    }
  }

  /**
   * Where counting on starts in the tail file (walk index 0): the end of the last chunk, or —
   * when that ends inside a line being written — the start of that line, its hits taken back.
   */
  private takeBackCutLine(walk: ChunkWalk, tail: CountedChunk): number {
    const lastByte = walk.bytes(0, tail.end - 1, tail.end);
    if (lastByte?.length !== 1 || lastByte[0] === 10) return tail.end;
    const bytes = walk.bytes(0, tail.start, tail.end);
    if (!bytes) return tail.end;
    const cut = bytes.lastIndexOf(10) + 1;
    const taken = this.select(bytes.subarray(cut)).length;
    this.counted.shortenLast(tail.start + cut, taken);
    this.progressState = {
      ...this.progressState,
      total: this.progressState.total - taken,
      scanned: this.progressState.scanned - (bytes.length - cut),
    };
    if (taken > 0) this.revised++;
    return tail.start + cut;
  }

  /** The first `bytes` bytes of a listed file (latin1), if it is still that file. */
  private head(segment: Segment, bytes: number): string | undefined {
    const file = this.deps.files.open(this.deps.dir, segment.name);
    try {
      return file?.id === segment.id ? latin1(file.read(0, bytes)) : undefined;
    } finally {
      file?.close();
    }
  }

  /** A literal's rarest byte, learnt from the text it is searched in. */
  private learn(sample: Uint8Array): void {
    const m = this.matcher;
    if (m?.needle && !m.needle.folded) m.needle = literalNeedle(m.query.pattern, sample);
  }
}
