// A count in a worker thread: the main thread's event loop keeps nothing but keys and screens,
// and on a busy box it stays a light task the scheduler wakes at once (a main thread reading
// gigabytes itself is preempted for tens of ms at a time). Posts progress with the chunks
// counted since the last post; stops on 'cancel'.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeLogFiles } from '../files.js';
import type { Segment } from '../segments.js';
import { SearchRun, type SearchProgress } from './search-run.js';
import { selectorFor, type SelectorSpec } from './selector.js';

interface CountJob {
  dir: string;
  segments: Segment[];
  spec: SelectorSpec;
}

const job = workerData as CountJob;
const { select, matcher } = selectorFor(job.spec);
const run = new SearchRun({ files: nodeLogFiles(), dir: job.dir }, select, matcher);
parentPort!.on('message', (message) => {
  if (message === 'cancel') run.cancel();
});
let sent = 0;
const post = (progress: SearchProgress) => {
  const chunks = run.countedSince(sent);
  sent += chunks.length;
  parentPort!.postMessage({ progress, chunks });
};
const final = await run.count(job.segments, post);
post(final);
parentPort!.close();
