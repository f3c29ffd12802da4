// n/N and e/E over a merged timeline: each log's nearest hit on the far side of the current
// item, in merged order (a hit of another log with the same instant but a lower rank counts as
// before), the nearest of them wins. Directories are searched by chunks (search-run.ts),
// markers in memory. Also where each log's cursor goes to put an instant at the window's top.
import type { Zone } from '../../time/zone.js';
import type { LogFiles } from '../files.js';
import { mapPosition } from '../segments.js';
import type { ChunkMatcher, LineSelector } from '../search/chunk-match.js';
import { walkOnInWorker } from '../search/background-count.js';
import { SearchRun } from '../search/search-run.js';
import type { SelectorSpec } from '../search/selector.js';
import { findInstant } from '../time/jump.js';
import type { LogPosition } from '../types.js';
import type { Marker } from './restart-markers.js';
import type { Stream, StreamItem } from './streams.js';

export interface MergedLog {
  stream: Stream;
  /** A log directory, or a service's markers. */
  dir?: string;
  markers?: () => readonly Marker[];
}

export interface MergedKey {
  at: number;
  source: number;
}

export function keyBefore(a: MergedKey, b: MergedKey): boolean {
  return a.at < b.at || (a.at === b.at && a.source < b.source);
}

export interface StepDeps {
  files: LogFiles;
  stampZone: Zone;
  cancelled: () => boolean;
  runs: Set<SearchRun>;
  /** What `select` selects, as data (a long walk goes on in a worker thread). */
  spec?: SelectorSpec;
}

/**
 * The nearest hit past `from` in merged order, or undefined. `select` picks a directory's hits
 * in a chunk (the matcher's, among the lines the filters show); markers are tested as they are.
 */
export async function mergedNearest(
  logs: readonly MergedLog[],
  matcher: ChunkMatcher,
  select: LineSelector,
  from: { item: StreamItem; key: MergedKey },
  direction: 1 | -1,
  deps: StepDeps,
): Promise<StreamItem | undefined> {
  let best: StreamItem | undefined;
  const better = (a: StreamItem) =>
    !best || (direction > 0 ? keyBefore(key(a), key(best)) : keyBefore(key(best), key(a)));
  for (const [source, log] of logs.entries()) {
    if (deps.cancelled()) return undefined;
    const start = await startFor(logs, source, from, direction, deps);
    let hit = await nextHit(log, matcher, select, start, direction, deps);
    // Skip hits on the near side of `from` (same instant, lower rank, or the item itself).
    while (hit && !past(hit, from, direction)) {
      hit = await nextHit(log, matcher, select, hit.pos, direction, deps, true);
    }
    if (hit && better(hit)) best = hit;
  }
  return best;
}

/** Where each log's cursor goes so that the window starts at instant `at`. */
export function cursorsAt(
  logs: readonly MergedLog[],
  at: number,
  deps: Pick<StepDeps, 'files' | 'stampZone'>,
): (LogPosition | undefined)[] {
  return logs.map((log) => {
    if (log.markers) {
      const i = log.markers().findIndex((m) => m.at >= at);
      return i < 0 ? undefined : { fileId: 'markers', name: 'markers', offset: i };
    }
    const dir = log.dir!;
    const landing = findInstant(deps.files, dir, deps.files.list(dir), at, deps.stampZone);
    return 'position' in landing ? landing.position : undefined;
  });
}

function key(item: StreamItem): MergedKey {
  return { at: item.at ?? -Infinity, source: item.source };
}

function past(hit: StreamItem, from: { item: StreamItem; key: MergedKey }, direction: 1 | -1) {
  if (hit.source === from.item.source) {
    return hit.pos.offset !== from.item.pos.offset || hit.pos.fileId !== from.item.pos.fileId;
  }
  return direction > 0 ? keyBefore(from.key, key(hit)) : keyBefore(key(hit), from.key);
}

/** Where to start looking in log `source`: past `from` in its own log, else near its instant. */
async function startFor(
  logs: readonly MergedLog[],
  source: number,
  from: { item: StreamItem; key: MergedKey },
  direction: 1 | -1,
  deps: StepDeps,
): Promise<LogPosition | undefined> {
  if (from.item.source === source) return from.item.pos;
  // Backwards, lines of the same instant may come before `from` (a lower rank): start past them.
  const at = direction > 0 ? from.key.at : from.key.at + 1;
  return cursorsAt([logs[source]!], at, deps)[0];
}

async function nextHit(
  log: MergedLog,
  matcher: ChunkMatcher,
  select: LineSelector,
  from: LogPosition | undefined,
  direction: 1 | -1,
  deps: StepDeps,
  exclusive = false,
): Promise<StreamItem | undefined> {
  if (log.markers) {
    const markers = log.markers();
    const test = (m: Marker) => {
      matcher.query.test.lastIndex = 0;
      return matcher.query.test.test(m.text) !== matcher.query.invert;
    };
    const origin = from ? from.offset : markers.length;
    if (direction > 0) {
      for (let i = from ? origin + (exclusive ? 1 : 0) : markers.length; i < markers.length; i++) {
        if (test(markers[i]!))
          return log.stream.from({ fileId: 'markers', name: 'markers', offset: i }, 1)[0];
      }
    } else {
      for (let i = origin - 1; i >= 0; i--) {
        if (test(markers[i]!))
          return log.stream.from({ fileId: 'markers', name: 'markers', offset: i }, 1)[0];
      }
    }
    return undefined;
  }
  const dir = log.dir!;
  const segments = deps.files.list(dir);
  const walkOn = deps.spec ? { walkOn: walkOnInWorker(dir, deps.spec) } : {};
  const run = new SearchRun({ files: deps.files, dir, ...walkOn }, select, matcher);
  deps.runs.add(run);
  try {
    const place = from ? mapPosition(from, segments) : undefined;
    const end = { index: segments.length - 1, offset: segments.at(-1)?.size ?? 0 };
    if (direction > 0 && !place) return undefined;
    const found = await run.nearest(segments, place ?? end, direction, direction > 0 && !exclusive);
    return found ? log.stream.from(found, 1)[0] : undefined;
  } finally {
    deps.runs.delete(run);
  }
}
