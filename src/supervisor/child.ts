// What the two ways of starting a process (launch-posix.ts, launch-node.ts) are given and report.
import type { StdioOptions } from 'node:child_process';
import type { ExitReason } from '../codec/history.js';

export interface ChildRun {
  dir: string;
  /** Run as `./FILE` with DIR as cwd, in a new session. */
  file: string;
  args: string[];
  stdio: StdioOptions;
  /** s6's notification-fd: a pipe on this descriptor of the child. */
  notificationFd?: number;
}

export interface ChildEvents {
  exit(reason: ExitReason): void;
  /** A newline came on the notification fd. */
  ready(): void;
  /** It could not be started (a failure found after the start call returned). */
  error(error: Error): void;
}

export function exitReason(code: number | null, signal: NodeJS.Signals | null): ExitReason {
  return signal
    ? { kind: 'signal', signal: signal.replace(/^SIG/, '') }
    : { kind: 'exit', code: code ?? 0 };
}
