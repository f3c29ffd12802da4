// The walk for the nearest line a selector picks before or after a place (n/N, e/E, w/W): chunk
// by chunk in slices, so keys never wait; after NEAR_BYTES without one, the rest goes on in a
// worker thread when there is one (walkOn), else here. A cancel ends it with nothing found.
import type { LogFiles } from '../files.js';
import type { Segment } from '../segments.js';
import type { LogPosition } from '../types.js';
import { ChunkWalk, inSlices, type Chunk, type Place } from './chunks.js';
import type { LineSelector } from './chunk-match.js';

/** The nearest line from `from` found elsewhere, or 'unavailable' (then the walk goes on here). */
export type WalkOn = (
  segments: readonly Segment[],
  from: Place,
  direction: 1 | -1,
  onCancel: (cancel: () => void) => void,
) => Promise<LogPosition | undefined | 'unavailable'>;

/**
 * 8 MB: what a walk for the nearest line reads on the main thread before it hands the rest to a
 * worker — a few ms for a literal, ~10 ms for an expression, so a hit near the window lands at
 * once, and a walk through gigabytes (a pattern found nowhere) leaves the main thread idle for
 * keys instead of holding the CPU in slices for a second.
 */
export const NEAR_BYTES = 8 << 20;

/** What a walk needs of the search it serves. */
export interface Walker {
  files: LogFiles;
  dir: string;
  now: () => number;
  walkOn?: WalkOn;
  /** Bytes read here before the worker takes over (NEAR_BYTES unless told). */
  nearBytes?: number;
  select: LineSelector;
  /** Tune a literal's needle on the first chunk read. */
  learn: (sample: Uint8Array) => void;
  cancelled: () => boolean;
  onCancel: (hook: () => void) => void;
}

/** A walk's end: the line found, or where it stopped short (its budget spent). */
interface Walked {
  found?: LogPosition;
  resume?: Place;
}

/**
 * The first line picked after `from` (direction 1: starting past it, or at it when inclusive)
 * or the last one before it (−1), or undefined when there is none (or on cancel).
 */
export async function walkToNearest(
  walker: Walker,
  segments: readonly Segment[],
  at: { from: Place; direction: 1 | -1; inclusive: boolean },
): Promise<LogPosition | undefined> {
  const { from, direction } = at;
  const walk = new ChunkWalk(walker.files, walker.dir, segments);
  let walked: Walked;
  try {
    if (direction > 0) {
      const line = walk.forward(from).next().value as Chunk | undefined;
      // Step past the line at `from` itself.
      let start = from;
      if (!at.inclusive && line && line.start === from.offset && line.index === from.index) {
        const k = line.bytes.indexOf(10);
        start = {
          index: from.index,
          offset: k < 0 ? from.offset + line.bytes.length : from.offset + k + 1,
        };
      }
      walked = await walkFor(walker, walk.forward(start), direction);
    } else {
      walked = await walkFor(walker, walk.backward(from), direction);
    }
  } finally {
    walk.close();
  }
  if (walker.cancelled()) return undefined;
  if (!walked.resume || !walker.walkOn) return walked.found;
  // Nothing near: the rest in a worker thread, this thread free for keys.
  const rest = await walker.walkOn(segments, walked.resume, direction, walker.onCancel);
  if (rest !== 'unavailable') return walker.cancelled() ? undefined : rest;
  const again = new ChunkWalk(walker.files, walker.dir, segments);
  try {
    const chunks = direction > 0 ? again.forward(walked.resume) : again.backward(walked.resume);
    return (await walkFor(walker, chunks, direction, Infinity)).found;
  } finally {
    again.close();
  }
}

/**
 * The first line picked in the chunks (the last of a chunk, walking back); after `budget` bytes
 * without one (when a worker could go on), where the walk stopped instead.
 */
async function walkFor(
  walker: Walker,
  chunks: Generator<Chunk>,
  direction: 1 | -1,
  budget = walker.walkOn ? (walker.nearBytes ?? NEAR_BYTES) : Infinity,
): Promise<Walked> {
  const walked: Walked = {};
  let first = true;
  let read = 0;
  await inSlices(
    () => {
      const next = chunks.next();
      if (next.done) return true;
      const chunk = next.value;
      if (first) walker.learn(chunk.bytes);
      first = false;
      const starts = walker.select(chunk.bytes);
      const at = direction > 0 ? starts[0] : starts.at(-1);
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
    walker.cancelled,
    walker.now,
  );
  return walker.cancelled() ? {} : walked;
}
