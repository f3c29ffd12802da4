// Starting a process with Node's child_process: the fallback when the native starter is not
// built (native-spawn.ts). libuv forks this whole process and waits for the child's exec.
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { StdioOptions } from 'node:child_process';
import { exitReason, type ChildEvents, type ChildRun } from './child.js';

/** The child's pid, or undefined when the failure is reported later through `error`. */
export function startWithNode(run: ChildRun, events: ChildEvents): number | undefined {
  const child = spawn(`./${run.file}`, run.args, {
    cwd: run.dir,
    stdio: withNotification(run.stdio, run.notificationFd),
    detached: true,
  });
  child.once('error', events.error);
  child.once('exit', (code, signal) => events.exit(exitReason(code, signal)));
  if (run.notificationFd !== undefined) {
    const pipe = child.stdio[run.notificationFd];
    if (pipe) awaitNewline(pipe, events.ready);
  }
  return child.pid;
}

/** The stdio array with a pipe at `fd` (descriptors between are closed in the child). */
function withNotification(stdio: StdioOptions, fd: number | undefined): StdioOptions {
  if (fd === undefined || !Array.isArray(stdio)) return stdio;
  const out: StdioOptions = [...stdio];
  while (out.length < fd) out.push('ignore');
  out[fd] = 'pipe';
  return out;
}

/** Call `ready` at the first newline read, then close the pipe; ignore everything else. */
export function awaitNewline(pipe: Readable | Writable, ready: () => void): void {
  pipe.on('data', (chunk: Buffer) => {
    if (!chunk.includes(0x0a)) return;
    pipe.destroy();
    ready();
  });
  pipe.on('error', () => undefined);
}
