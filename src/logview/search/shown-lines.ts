// The lines a selector lets through (filters), collected forwards or backwards over a
// timeline in chunks and slices, for the filtered window: `count` of them from a place, or
// before it. A filter that shows one line in a million still pages in one pass over the bytes,
// never line by line, and the event loop runs between slices.
import { performance } from 'node:perf_hooks';
import { decodeBytes, utf8Boundary } from '../decode.js';
import type { LogFiles } from '../files.js';
import { cutMarker } from '../sanitize.js';
import type { Segment } from '../segments.js';
import { ChunkWalk, inSlices, type Chunk, type Place } from './chunks.js';
import type { LineSelector } from './chunk-match.js';

export interface ShownLine {
  index: number;
  fileId: string;
  name: string;
  start: number;
  /** Where the next line starts. */
  next: number;
  text: string;
}

export interface CollectDeps {
  files: LogFiles;
  dir: string;
  maxLineBytes: number;
  cancelled: () => boolean;
  now?: () => number;
}

/** Up to `count` shown lines from `from` onwards (oldest first); undefined when cancelled. */
export function collectForward(
  deps: CollectDeps,
  segments: readonly Segment[],
  select: LineSelector,
  from: Place,
  count: number,
): Promise<ShownLine[] | undefined> {
  return collect(deps, segments, select, count, (walk) => walk.forward(from), false);
}

/** Up to `count` shown lines ending before `before` (oldest first); undefined when cancelled. */
export function collectBackward(
  deps: CollectDeps,
  segments: readonly Segment[],
  select: LineSelector,
  before: Place | undefined,
  count: number,
): Promise<ShownLine[] | undefined> {
  return collect(
    deps,
    segments,
    select,
    count,
    (walk) => walk.backward(before ?? walk.end()),
    true,
  );
}

async function collect(
  deps: CollectDeps,
  segments: readonly Segment[],
  select: LineSelector,
  count: number,
  chunksOf: (walk: ChunkWalk) => Generator<Chunk>,
  backwards: boolean,
): Promise<ShownLine[] | undefined> {
  const walk = new ChunkWalk(deps.files, deps.dir, segments);
  const chunks = chunksOf(walk);
  const found: ShownLine[] = [];
  try {
    const done = await inSlices(
      () => {
        if (found.length >= count) return true;
        const next = chunks.next();
        if (next.done) return true;
        const chunk = next.value;
        const lines = select(chunk.bytes).map((at) => shownLine(chunk, at, deps.maxLineBytes));
        if (backwards) found.unshift(...lines.slice(-(count - found.length)));
        else found.push(...lines.slice(0, count - found.length));
        return false;
      },
      deps.cancelled,
      deps.now ?? (() => performance.now()),
    );
    return done ? found : undefined;
  } finally {
    walk.close();
  }
}

export function shownLine(chunk: Chunk, at: number, maxLineBytes: number): ShownLine {
  const newline = chunk.bytes.indexOf(10, at);
  const end = newline < 0 ? chunk.bytes.length : newline;
  const bytes = chunk.bytes.subarray(at, end);
  let text: string;
  if (bytes.length <= maxLineBytes) text = decodeBytes(bytes);
  else {
    const keep = utf8Boundary(bytes, maxLineBytes);
    text = decodeBytes(bytes.subarray(0, keep)) + cutMarker(bytes.length - keep);
  }
  return {
    index: chunk.index,
    fileId: chunk.segment.id,
    name: chunk.segment.name,
    start: chunk.start + at,
    next: chunk.start + (newline < 0 ? chunk.bytes.length : newline + 1),
    text,
  };
}
