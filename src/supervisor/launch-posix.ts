// Starting a process with the native starter (native-spawn.ts): posix_spawn with the child's
// descriptors laid out as Node's stdio option says — 'inherit', 'ignore' (/dev/null), or a
// descriptor number — plus a pipe at the notification fd, read here until its first newline.
import { closeSync, openSync } from 'node:fs';
import { Socket } from 'node:net';
import type { StdioOptions } from 'node:child_process';
import { signalByNumber } from '../codec/signals.js';
import { exitReason, type ChildEvents, type ChildRun } from './child.js';
import { awaitNewline } from './launch-node.js';
import type { NativeSpawn } from './native-spawn.js';

let devNull: number | undefined;
/** /dev/null, opened once (close-on-exec) for every 'ignore'. */
function nullFd(): number {
  devNull ??= openSync('/dev/null', 'r+');
  return devNull;
}

/**
 * The child's descriptors, or undefined when `stdio` asks for what only child_process gives
 * (a pipe or a stream on 0-2).
 */
export function childFds(stdio: StdioOptions, notificationFd?: number): number[] | undefined {
  const list = Array.isArray(stdio) ? stdio : [stdio, stdio, stdio];
  const fds: number[] = [];
  for (const [i, item] of list.entries()) {
    if (item === 'inherit') fds.push(i);
    else if (item === 'ignore' || item === null || item === undefined)
      fds.push(i < 3 ? nullFd() : -1);
    else if (typeof item === 'number') fds.push(item);
    else return undefined;
  }
  if (notificationFd !== undefined) while (fds.length <= notificationFd) fds.push(-1);
  return fds;
}

/** The child's pid; throws (an Error with the errno `code`) when it cannot be started. */
export function startWithPosix(
  native: NativeSpawn,
  fds: number[],
  run: ChildRun,
  events: ChildEvents,
): number {
  const file = `./${run.file}`;
  const onExit = (code: number, signal: number) =>
    events.exit(
      exitReason(
        code,
        signal ? ((signalByNumber(signal) ?? `SIG${signal}`) as NodeJS.Signals) : null,
      ),
    );
  if (run.notificationFd === undefined)
    return native.spawn(file, [file, ...run.args], run.dir, fds, onExit);
  const [readEnd, writeEnd] = native.pipe();
  const childFds = [...fds];
  childFds[run.notificationFd] = writeEnd;
  let pid: number;
  try {
    pid = native.spawn(file, [file, ...run.args], run.dir, childFds, onExit);
  } catch (error) {
    closeSync(readEnd);
    throw error;
  } finally {
    closeSync(writeEnd);
  }
  awaitNewline(new Socket({ fd: readEnd, readable: true, writable: false }), events.ready);
  return pid;
}
