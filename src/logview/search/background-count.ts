// Run a SearchRun's count in a worker thread when the code runs built (dist/), else in slices on
// this thread (the TypeScript sources under test have no worker entry to start). Either way the
// run ends with the same counted chunks, so "hit X of Y" works the same.
import { Worker } from 'node:worker_threads';
import type { Segment } from '../segments.js';
import type { SearchProgress, SearchRun } from './search-run.js';
import type { SelectorSpec } from './selector.js';

/** The worker's entry, when this code runs built; undefined from the TypeScript sources. */
export function workerEntry(): URL | undefined {
  return import.meta.url.endsWith('.js')
    ? new URL('./count-worker.js', import.meta.url)
    : undefined;
}

export function countInBackground(
  run: SearchRun,
  dir: string,
  segments: readonly Segment[],
  spec: SelectorSpec,
  onProgress: (p: SearchProgress) => void,
): Promise<SearchProgress> {
  const entry = workerEntry();
  if (!entry) return run.count(segments, onProgress);
  let worker: Worker;
  try {
    worker = new Worker(entry, {
      workerData: { dir, segments: [...segments], spec },
      // A small young generation, as bin/svtui.js gives the main thread: the worker's garbage is
      // a chunk's text at a time, and a large one only grows the resident size.
      resourceLimits: { maxYoungGenerationSizeMb: 6 },
    });
  } catch {
    return run.count(segments, onProgress);
  }
  worker.unref();
  run.onCancel(() => worker.postMessage('cancel'));
  return new Promise((resolve) => {
    let last = run.progress();
    worker.on('message', (message: { progress: SearchProgress; chunks: unknown[] }) => {
      run.absorb(message.progress, message.chunks as Parameters<SearchRun['absorb']>[1]);
      last = run.progress();
      onProgress(last);
      if (last.done || last.cancelled) resolve(last);
    });
    worker.on('error', () => resolve(run.progress()));
    worker.on('exit', () => resolve(last));
  });
}
