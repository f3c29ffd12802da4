// runit's ./check as a readiness probe after each start: run it as `sv` does — every 420 ms until
// it exits 0 — and call `ready` at the first success. sv closes its stdout; Node cannot close a
// descriptor in the child, so it goes to /dev/null: either way nobody reads it. It stops at the limit
// (the service never said it is ready: the health engine's grace ends then anyway), when ./run
// exits, or when ./check cannot be started. Each ./check runs in a session of its own; one still
// running at the limit or at a stop is killed with its whole group, so no probe outlives it.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../codec/errors.js';
import { CHECK_INTERVAL_MS, READY_LIMIT_MS } from '../codec/service-files.js';

export interface CheckPolling {
  stop(): void;
}

export interface CheckOptions {
  /** Where ./check is (the service directory, its cwd). */
  dir: string;
  /** Its stderr (fd or 'ignore'), as ./run's. */
  stderr: 'ignore' | 'inherit' | number;
  ready: () => void;
  /** ./check cannot be run at all (one line). */
  problem: (text: string) => void;
  everyMs?: number;
  limitMs?: number;
}

export function pollCheck(options: CheckOptions): CheckPolling {
  const everyMs = options.everyMs ?? CHECK_INTERVAL_MS;
  const deadline = Date.now() + (options.limitMs ?? READY_LIMIT_MS);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: number | undefined;

  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (running !== undefined) killGroup(running);
    running = undefined;
  };
  const again = () => {
    if (stopped) return;
    const left = deadline - Date.now();
    if (left <= 0) return stop();
    timer = setTimeout(once, Math.min(everyMs, left));
  };
  const once = () => {
    timer = undefined;
    if (stopped) return;
    const file = join(options.dir, 'check');
    try {
      accessSync(file, constants.X_OK);
    } catch (error) {
      options.problem(`unable to start check: ${describeError(error)}`);
      return stop();
    }
    const child = spawn('./check', [], {
      cwd: options.dir,
      stdio: ['ignore', 'ignore', options.stderr],
      detached: true,
    });
    running = child.pid;
    const limit = setTimeout(stop, Math.max(0, deadline - Date.now()));
    child.once('error', (error) => {
      clearTimeout(limit);
      running = undefined;
      options.problem(`unable to start check: ${describeError(error)}`);
      stop();
    });
    child.once('exit', (code) => {
      clearTimeout(limit);
      running = undefined;
      if (stopped) return;
      if (code === 0) {
        stop();
        options.ready();
      } else again();
    });
  };
  // sv runs ./check right after the start; the first run comes at once.
  timer = setTimeout(once, 0);
  return { stop };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* gone already */
  }
}
