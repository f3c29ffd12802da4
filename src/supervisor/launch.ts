// How a slot runs its process. A Launcher starts one run and reports, through callbacks, that it
// started (with a pid), that it could not start (a one-line reason), or that it ended. The slot
// signals it through the handle. Two kinds exist: a spawned `./run` (here) and the in-process
// multilog (inprocess-logger.ts), which behaves as a process with a pid no process can have.
// A spawned one is started with posix_spawn by the native starter when it is built
// (launch-posix.ts), else with Node's child_process (launch-node.ts); both behave the same.
import type { StdioOptions } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../codec/errors.js';
import type { ExitReason } from '../codec/history.js';
import type { Signal } from '../codec/signals.js';
import type { ChildEvents, ChildRun } from './child.js';
import { startWithNode } from './launch-node.js';
import { childFds, startWithPosix } from './launch-posix.js';
import { nativeSpawn } from './native-spawn.js';

export { exitReason } from './child.js';

export interface LaunchCallbacks {
  /** `at`: when the process was created (ms), if not now. */
  onStarted(pid: number, at?: number): void;
  onFailed(reason: string): void;
  onExit(reason: ExitReason): void;
  /** A newline came on the notification fd: the daemon is ready. */
  onReady?(): void;
}

export interface RunHandle {
  signal(signal: Signal): void;
}

export type Launcher = (callbacks: LaunchCallbacks) => RunHandle;

function sendTo(pid: number, signal: Signal): void {
  try {
    process.kill(pid, signal as NodeJS.Signals);
  } catch {
    /* died in between: its exit event is on its way */
  }
}

/**
 * Whether execve(2) would run the file: a `#!` script or an ELF binary. Node's spawn, like
 * execvp(3), falls back to /bin/sh for anything else (posix_spawn fails with ENOEXEC), where daemontools' supervise (execve)
 * fails with "exec format error" — and so does `svtui check`. Refusing here keeps a tree that
 * works under svtui working under daemontools too.
 */
function kernelWouldExec(path: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, head, 0, 4, 0);
    return (
      (n >= 2 && head[0] === 0x23 && head[1] === 0x21) ||
      (n === 4 && head.toString('latin1') === '\x7fELF')
    );
  } finally {
    closeSync(fd);
  }
}

/**
 * Run `DIR/run` as supervise does — `./run` with DIR as cwd, no shell, the environment passed
 * through — but in a new session (setsid), so a signal to the supervisor's group spares it.
 * `notificationFd` (s6): ./run gets a pipe on that descriptor; the first newline written to it
 * calls onReady, and the supervisor's end is closed then, as s6-supervise closes it.
 */
export function spawnRun(
  dir: string,
  stdio: StdioOptions,
  now: () => number,
  notificationFd?: number,
): Launcher {
  return spawnProgram(dir, 'run', [], stdio, now, notificationFd);
}

/** Run `DIR/FILE ARGS...` the same way (./finish after ./run). */
export function spawnProgram(
  dir: string,
  file: string,
  args: string[],
  stdio: StdioOptions,
  now: () => number,
  notificationFd?: number,
): Launcher {
  return (callbacks) => {
    let pid = 0;
    const failed = (why: string) => callbacks.onFailed(`unable to start ${file}: ${why}`);
    try {
      accessSync(join(dir, file), constants.X_OK);
      if (!kernelWouldExec(join(dir, file))) {
        failed('exec format error');
        return { signal: () => undefined };
      }
      // The start time is taken before the start, as supervise takes it at fork: a start
      // returns only once the child has exec'd, which on a busy machine can take milliseconds.
      const at = now();
      const started = startChild(
        { dir, file, args, stdio, notificationFd },
        {
          exit: (reason) => callbacks.onExit(reason),
          ready: () => callbacks.onReady?.(),
          error: (error) => {
            if (pid === 0) failed(describeError(error));
          },
        },
      );
      if (started !== undefined) {
        pid = started;
        callbacks.onStarted(pid, at);
      }
    } catch (error) {
      failed(describeError(error));
    }
    return { signal: (signal) => pid !== 0 && sendTo(pid, signal) };
  };
}

/**
 * posix_spawn through the native starter when it is built (a start costs the same whatever this
 * process's size), else Node's child_process (a fork of this process).
 */
function startChild(run: ChildRun, events: ChildEvents): number | undefined {
  const native = nativeSpawn();
  const fds = native && childFds(run.stdio, run.notificationFd);
  return native && fds ? startWithPosix(native, fds, run, events) : startWithNode(run, events);
}
