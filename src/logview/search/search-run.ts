// A search over one log directory's timeline, in the background: counting every hit (a hit is
// a line, as grep -c counts) from the oldest file to the end with progress, then counting on as
// the log grows; and finding the nearest hit before or after a place (n/N, e/E, w/W: the walk is
// nearest-walk.ts's). Work runs in slices of a few ms between which the event loop runs, so keys
// never wait; every walk can be cancelled. The count keeps, per chunk, how many hits came before
// it (counted-chunks.ts), so "hit X of Y" for any line costs one chunk.
import { performance } from 'node:perf_hooks';
import type { LogFiles } from '../files.js';
import { ROTATING, type Segment } from '../segments.js';
import type { LogPosition } from '../types.js';
import { CHUNK_BYTES, ChunkWalk, inSlices, type Chunk, type Place } from './chunks.js';
import { walkToNearest, type Walker, type WalkOn } from './nearest-walk.js';
import { CountedChunks, latin1, type CountedChunk } from './counted-chunks.js';
import type { ChunkMatcher, LineSelector } from './chunk-match.js';
import { literalNeedle } from './literal.js';

export interface SearchProgress {
  /** Hits counted so far. */
  total: number;
  /** Bytes looked at, of how many. */
  scanned: number;
  size: number;
  done: boolean;
  cancelled: boolean;
}

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

export class SearchRun {
  private readonly counted = new CountedChunks();
  /** The count's size and end; its hits and bytes are the counted chunks'. */
  private progressState: Pick<SearchProgress, 'size' | 'done' | 'cancelled'>;
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
    this.progressState = { size: 0, done: false, cancelled: false };
  }

  progress(): SearchProgress {
    return { ...this.progressState, total: this.counted.hits, scanned: this.counted.bytes };
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
    this.counted.settle(here, (segment, bytes) => this.head(segment, bytes));
    if (this.counted.hits !== total) this.revised++;
    const tail = this.counted.last;
    const counted = this.counted.fileIds();
    const tailSegment = tail && here.get(tail.fileId);
    const newer = listing.filter((s) => !counted.has(s.id));
    const segments = tailSegment ? [tailSegment, ...newer] : newer;
    const walk = new ChunkWalk(files, dir, segments);
    const size = [...here.values()].reduce((sum, s) => sum + s.size, 0);
    this.progressState = { ...this.progressState, size };
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
  nearest(
    segments: readonly Segment[],
    from: Place,
    direction: 1 | -1,
    inclusive = false,
  ): Promise<LogPosition | undefined> {
    const walker: Walker = {
      ...this.deps,
      now: this.now,
      select: (chunk) => this.select(chunk),
      learn: (sample) => this.learn(sample),
      cancelled: () => this.stopped,
      onCancel: (hook) => this.onCancel(hook),
    };
    return walkToNearest(walker, segments, { from, direction, inclusive });
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
    const { size, done, cancelled } = progress;
    this.progressState = this.stopped
      ? { size, done: false, cancelled: true }
      : { size, done, cancelled };
  }

  get cancelled(): boolean {
    return this.stopped;
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
