// A worker thread for a search: the main thread's event loop keeps nothing but keys and
// screens, and on a busy box it stays a light task the scheduler wakes at once (a main thread
// reading gigabytes itself is preempted for tens of ms at a time). It counts (posting progress
// with the chunks counted since the last post; 'cancel' stops it) and walks for the nearest line
// a selector picks (`{ walk }` messages, each answered `{ id, found }`; `{ stop: id }` cancels
// one), both in slices on its own loop; it ends once the count and every walk are done.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeLogFiles } from '../files.js';
import type { Segment } from '../segments.js';
import type { Place } from './chunks.js';
import { SearchRun, type SearchProgress } from './search-run.js';
import { selectorFor, type SelectorSpec } from './selector.js';

export interface WalkRequest {
  id: number;
  spec: SelectorSpec;
  segments: Segment[];
  from: Place;
  direction: 1 | -1;
  inclusive: boolean;
}

export interface WorkerJob {
  dir: string;
  count?: { segments: Segment[]; spec: SelectorSpec };
  walk?: WalkRequest;
}

const job = workerData as WorkerJob;
const port = parentPort!;
const files = nodeLogFiles();
const walks = new Map<number, SearchRun>();
let counting: SearchRun | undefined;

const closeWhenIdle = () => {
  if (!counting && walks.size === 0) port.close();
};

async function walk(request: WalkRequest): Promise<void> {
  const { select, matcher } = selectorFor(request.spec);
  const run = new SearchRun({ files, dir: job.dir }, select, matcher);
  walks.set(request.id, run);
  const found = await run.nearest(
    request.segments,
    request.from,
    request.direction,
    request.inclusive,
  );
  walks.delete(request.id);
  port.postMessage({ id: request.id, found: run.cancelled ? undefined : found });
  closeWhenIdle();
}

port.on('message', (message: 'cancel' | { walk: WalkRequest } | { stop: number }) => {
  if (message === 'cancel') counting?.cancel();
  else if ('walk' in message) void walk(message.walk);
  else walks.get(message.stop)?.cancel();
});

if (job.walk) void walk(job.walk);
if (job.count) {
  const { select, matcher, count } = selectorFor(job.count.spec);
  const run = new SearchRun({ files, dir: job.dir }, select, matcher, count);
  counting = run;
  let sent = 0;
  const post = (progress: SearchProgress) => {
    const chunks = run.countedSince(sent);
    sent += chunks.length;
    port.postMessage({ progress, chunks });
  };
  // The count posts its last progress itself, as it ends.
  await run.count(job.count.segments, post);
  counting = undefined;
  closeWhenIdle();
}
