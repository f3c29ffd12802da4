// A service and its logger: the pipe held by the supervisor keeps every line while the logger is
// down, for a spawned `multilog` and for the in-process one (`exec svtui multilog ...`).
import { closeSync, constants, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_PID } from '../../src/codec/inprocess-pid.js';
import { waitFor } from '../support/processes.js';
import { haveTools, tempDir } from '../support/tools.js';
import { alive, makeService, readStatus, sleep, startScan, waitDown, waitUp } from './helpers.js';

// On TERM it writes one last line: stopping must let the logger write it before it stops.
const counter =
  "trap 'echo bye; exit 0' TERM; i=0; while :; do i=$((i+1)); echo $i; sleep 0.01; done";

function control(dir: string, letters: string): void {
  const fd = openSync(join(dir, 'supervise', 'control'), constants.O_WRONLY | constants.O_NONBLOCK);
  writeSync(fd, letters);
  closeSync(fd);
}

/** The numbers in main/current, which must be 1, 2, 3, ... without a gap. */
function numbers(serviceDir: string): number[] {
  const text = readFileSync(join(serviceDir, 'log', 'main', 'current'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line && line !== 'bye')
    .map((line) => Number(line));
}

async function loseNoLine(tree: string, name: string, logRun: string, inProcess: boolean) {
  mkdirSync(tree);
  const dir = makeService(tree, name, { run: counter, log: logRun });
  const scan = startScan(tree);
  const logDir = join(dir, 'log');
  await waitUp(dir);
  const loggerPid = await waitUp(logDir);
  if (inProcess) expect(loggerPid).toBe(IN_PROCESS_PID);
  else expect(loggerPid).not.toBe(scan.child.pid);
  await waitFor(() => {
    try {
      return numbers(dir).length > 20;
    } catch {
      return false;
    }
  });
  control(logDir, 'd');
  await waitDown(logDir);
  if (!inProcess) expect(alive(loggerPid)).toBe(false);
  const stoppedAt = numbers(dir).length;
  await sleep(500); // the service keeps writing into the held pipe
  expect(numbers(dir).length).toBe(stoppedAt);
  control(logDir, 'u');
  await waitUp(logDir);
  await waitFor(() => numbers(dir).length > stoppedAt + 30);
  scan.child.kill('SIGTERM');
  expect(await scan.exited).toBe(0);
  const seen = numbers(dir);
  expect(seen.length).toBeGreaterThan(stoppedAt + 30);
  expect(seen).toEqual(seen.map((_, i) => i + 1));
  expect(readFileSync(join(logDir, 'main', 'current'), 'utf8').endsWith('\nbye\n')).toBe(true);
  expect(readStatus(logDir)?.pid).toBe(0);
  expect(scan.stderr()).toBe('');
}

describe('logged services', () => {
  const tree = tempDir();

  it.runIf(haveTools('multilog'))('a spawned multilog restarts without losing a line', async () => {
    await loseNoLine(join(tree, 'a'), 'spawned', 'exec multilog ./main', false);
  });

  it('the in-process multilog restarts without losing a line', async () => {
    await loseNoLine(join(tree, 'b'), 'inproc', 'exec svtui multilog ./main', true);
  });
});
