// Run a SearchRun's count, or the rest of a long walk for the nearest hit, in a worker thread
// when the code runs built (dist/), else in slices on this thread (the TypeScript sources under
// test have no worker entry to start). Either way the count ends with the same counted chunks,
// so "hit X of Y" works the same, and the walk finds the same line.
import { Worker } from 'node:worker_threads';
import type { Segment } from '../segments.js';
import type { LogPosition } from '../types.js';
import type { Place } from './chunks.js';
import type { WalkRequest, WorkerJob } from './count-worker.js';
import type { CountedChunk } from './counted-chunks.js';
import type { WalkOn } from './nearest-walk.js';
import type { SearchProgress, SearchRun } from './search-run.js';
import type { SelectorSpec } from './selector.js';

/** The worker's entry, when this code runs built; undefined from the TypeScript sources. */
export function workerEntry(): URL | undefined {
  return import.meta.url.endsWith('.js')
    ? new URL('./count-worker.js', import.meta.url)
    : undefined;
}

/** A count's worker, while it takes walks too (until its count ends). */
interface LiveWorker {
  worker: Worker;
  walks: Map<number, (found: LogPosition | undefined | 'unavailable') => void>;
}

/** Count workers by directory: a walk in the same directory rides along (one worker's memory). */
const live = new Map<string, LiveWorker>();
let walkIds = 0;

export function countInBackground(
  run: SearchRun,
  dir: string,
  segments: readonly Segment[],
  spec: SelectorSpec,
  onProgress: (p: SearchProgress) => void,
): Promise<SearchProgress> {
  const entry = workerEntry();
  const job: WorkerJob = { dir, count: { segments: [...segments], spec } };
  const worker = entry && startWorker(entry, job);
  if (!worker) return run.count(segments, onProgress);
  const mine = serve(worker);
  live.set(dir, mine);
  const leave = () => {
    if (live.get(dir) === mine) live.delete(dir);
  };
  run.onCancel(() => worker.postMessage('cancel'));
  return new Promise((resolve) => {
    let last = run.progress();
    // The count's end is said once: whatever the worker posts after it is not progress.
    let ended = false;
    const end = (progress: SearchProgress) => {
      if (ended) return;
      ended = true;
      leave();
      resolve(progress);
    };
    worker.on('message', (message: { progress?: SearchProgress; chunks?: CountedChunk[] }) => {
      if (ended || !message.progress) return;
      run.absorb(message.progress, message.chunks ?? []);
      last = run.progress();
      onProgress(last);
      if (last.done || last.cancelled) end(last);
    });
    worker.on('error', () => end(run.progress()));
    worker.on('exit', () => end(last));
  });
}

/**
 * A SearchRun's walk for the nearest line the spec selects, gone on in a worker thread — the
 * directory's count's, if one runs, else its own; 'unavailable' when no worker can run.
 */
export function walkOnInWorker(dir: string, spec: SelectorSpec): WalkOn {
  return (segments, from, direction, onCancel) =>
    nearestInBackground(dir, segments, spec, { from, direction, inclusive: true }, onCancel);
}

async function nearestInBackground(
  dir: string,
  segments: readonly Segment[],
  spec: SelectorSpec,
  nearest: { from: Place; direction: 1 | -1; inclusive: boolean },
  onCancel: (cancel: () => void) => void,
): Promise<LogPosition | undefined | 'unavailable'> {
  const request = (): WalkRequest => ({ id: ++walkIds, spec, segments: [...segments], ...nearest });
  const riding = live.get(dir);
  if (riding) {
    const found = await walkOn(riding, request(), onCancel);
    // The count's worker ended first: a worker of its own.
    if (found !== 'unavailable') return found;
  }
  const entry = workerEntry();
  const first = request();
  const worker = entry && startWorker(entry, { dir, walk: first });
  if (!worker) return 'unavailable';
  const own = serve(worker);
  return walkOn(own, first, onCancel, false);
}

/** Send a walk to a worker (unless it already has it) and wait for its answer. */
function walkOn(
  on: LiveWorker,
  request: WalkRequest,
  onCancel: (cancel: () => void) => void,
  send = true,
): Promise<LogPosition | undefined | 'unavailable'> {
  return new Promise((resolve) => {
    on.walks.set(request.id, resolve);
    onCancel(() => on.worker.postMessage({ stop: request.id }));
    if (send) on.worker.postMessage({ walk: request });
  });
}

/** Answer walks as the worker reports them; any left when it ends are 'unavailable'. */
function serve(worker: Worker): LiveWorker {
  const served: LiveWorker = { worker, walks: new Map() };
  worker.on('message', (message: { id?: number; found?: LogPosition }) => {
    if (message.id === undefined) return;
    served.walks.get(message.id)?.(message.found);
    served.walks.delete(message.id);
  });
  const end = () => {
    for (const resolve of served.walks.values()) resolve('unavailable');
    served.walks.clear();
  };
  worker.on('exit', end);
  worker.on('error', end);
  return served;
}

function startWorker(entry: URL, job: WorkerJob): Worker | undefined {
  try {
    const worker = new Worker(entry, {
      workerData: job,
      // A small young generation, as bin/svtui.js gives the main thread: the worker's garbage is
      // a piece's text at a time, and a large one only grows the resident size.
      resourceLimits: { maxYoungGenerationSizeMb: 6 },
    });
    worker.unref();
    return worker;
  } catch {
    return undefined;
  }
}
