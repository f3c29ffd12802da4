// A timeline read in chunks of whole lines, forwards or backwards, for search, counting and
// filtering: positional reads of CHUNK_BYTES, never a whole file, files opened once per walk.
// A line longer than a chunk comes in chunk-sized pieces, as the reader cuts it. A `current`
// rotated under the walk is read under the name it has now; a file that vanished (retention) or
// was replaced otherwise is skipped: what it held is gone. One buffer serves every read of a
// walk: a chunk's bytes are valid until the next one is asked for.
import type { LogFiles, OpenFile } from '../files.js';
import { ROTATING, type Segment } from '../segments.js';

/**
 * 1 MB: few reads for a gigabyte (one buffer, reused), small enough that one chunk takes ~1 ms.
 * Expressions scan a chunk in smaller pieces (chunk-match.ts).
 */
export const CHUNK_BYTES = 1 << 20;

export interface Chunk {
  /** Index of the file in the walk's segments. */
  index: number;
  segment: Segment;
  /** File offset of bytes[0]. */
  start: number;
  bytes: Uint8Array;
}

/** A place in the walk's segments: file index and byte offset (a line start). */
export interface Place {
  index: number;
  offset: number;
}

export class ChunkWalk {
  private readonly handles = new Map<number, OpenFile | null>();
  private buffer: Uint8Array | undefined;

  constructor(
    private readonly files: LogFiles,
    private readonly dir: string,
    readonly segments: readonly Segment[],
    private readonly chunkBytes = CHUNK_BYTES,
  ) {}

  /** The end of the timeline. */
  end(): Place {
    const index = this.segments.length - 1;
    return { index, offset: index < 0 ? 0 : (this.open(index)?.size ?? 0) };
  }

  size(index: number): number {
    return this.open(index)?.size ?? 0;
  }

  /** Chunks from `from` to the end of the timeline. */
  *forward(from: Place): Generator<Chunk> {
    let { index, offset } = from;
    while (index < this.segments.length) {
      const file = this.open(index);
      if (!file || offset >= file.size) {
        index += 1;
        offset = 0;
        continue;
      }
      const bytes = this.read(file, offset, Math.min(this.chunkBytes, file.size - offset));
      if (bytes.length === 0) {
        index += 1;
        offset = 0;
        continue;
      }
      const atEnd = offset + bytes.length >= file.size;
      const last = atEnd ? bytes.length - 1 : bytes.lastIndexOf(10);
      const length = last < 0 ? bytes.length : last + 1;
      yield {
        index,
        segment: this.segments[index]!,
        start: offset,
        bytes: bytes.subarray(0, length),
      };
      offset += length;
    }
  }

  /** Chunks ending before `before`, newest first. */
  *backward(before: Place): Generator<Chunk> {
    let { index, offset } = before;
    while (index >= 0) {
      const file = offset > 0 ? this.open(index) : undefined;
      if (!file) {
        index -= 1;
        if (index >= 0) offset = this.size(index);
        continue;
      }
      const from = Math.max(0, offset - this.chunkBytes);
      const bytes = this.read(file, from, offset - from);
      const first = from === 0 ? -1 : bytes.indexOf(10);
      // The partial line at the front waits for the next chunk (unless nothing else is whole).
      const skip = first < 0 || first + 1 >= bytes.length ? 0 : first + 1;
      yield {
        index,
        segment: this.segments[index]!,
        start: from + skip,
        bytes: bytes.subarray(skip),
      };
      offset = from + skip;
    }
  }

  /** Bytes `start` to `end` of the walk's `index`-th file (a fresh copy), if it can be read. */
  bytes(index: number, start: number, end: number): Uint8Array | undefined {
    const file = this.open(index);
    return file && file.read(start, Math.max(0, Math.min(end, file.size) - start));
  }

  private read(file: OpenFile, position: number, length: number): Uint8Array {
    if (!file.readInto) return file.read(position, length);
    this.buffer ??= Buffer.allocUnsafe(this.chunkBytes);
    return file.readInto(this.buffer, position, length);
  }

  close(): void {
    for (const file of this.handles.values()) file?.close();
    this.handles.clear();
  }

  private open(index: number): OpenFile | undefined {
    if (this.handles.has(index)) return this.handles.get(index) ?? undefined;
    const segment = this.segments[index];
    const file = segment && this.openSegment(segment);
    this.handles.set(index, file ?? null);
    return file;
  }

  /**
   * The segment's file, known by its identity: under its listed name, else — a `current`
   * rotated since the listing — under the name the rotation gave it: `@….s` (svlogd renames
   * `current` to it; multilog and s6-log link it there from `previous`, the name they rename
   * `current` to first). Its lines are read once, where they are now.
   */
  private openSegment(segment: Segment): OpenFile | undefined {
    const openAs = (name: string) => {
      const file = this.files.open(this.dir, name);
      if (file?.id === segment.id) return file;
      file?.close();
      return undefined;
    };
    const listed = openAs(segment.name);
    if (listed || segment.name !== 'current') return listed;
    const moved = this.files.list(this.dir).find((s) => s.id === segment.id);
    return (moved && openAs(moved.name)) ?? openAs(ROTATING);
  }
}

/** Yield to the event loop: the work runs in slices so that no key waits. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Run `step` until it says it is done, in slices of about `sliceMs`, yielding between slices;
 * `cancelled` is checked before each step.
 */
export async function inSlices(
  step: () => boolean,
  cancelled: () => boolean,
  now: () => number,
  sliceMs = 6,
): Promise<boolean> {
  for (;;) {
    const sliceEnd = now() + sliceMs;
    while (now() < sliceEnd) {
      if (cancelled()) return false;
      if (step()) return true;
    }
    await yieldToLoop();
  }
}
