// A crash storm under `svtui scan`: 200 services whose ./run exits at once, each restarted every
// second. Starts used to run where they were decided, back to back, and held the event loop for
// so long that SIGTERM went unanswered for minutes on a busy machine; starts now run a slice per
// turn of the loop (src/supervisor/start-queue.ts), so TERM and control bytes are heard.
import { closeSync, constants, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import { makeService, readStatus, sleep, startScan } from './helpers.js';

const COUNT = 200;

function starts(tree: string): number {
  return statSync(join(tree, '.starts'), { throwIfNoEntry: false })?.size ?? 0;
}

it('answers a control byte and stops on TERM in the middle of a crash storm', async () => {
  const tree = tempDir();
  for (let i = 0; i < COUNT; i++)
    makeService(tree, `s${i}`, { run: 'printf . >>../.starts\nexit 1' });
  const scan = startScan(tree);
  await waitFor(() => starts(tree) >= 2 * COUNT, 60_000, 100);
  await sleep(2000);
  // `d` to one of them: its status says want down (and it is not started again).
  const one = join(tree, 's7');
  const fd = openSync(join(one, 'supervise', 'control'), constants.O_WRONLY | constants.O_NONBLOCK);
  writeSync(fd, 'd');
  closeSync(fd);
  expect(await waitFor(() => readStatus(one)?.want === 'down', 20_000, 50)).toBe(true);
  process.kill(scan.child.pid!, 'SIGTERM');
  const code = await Promise.race([scan.exited, sleep(30_000).then(() => 'still running')]);
  expect(code).toBe(0);
}, 120_000);
