// What the log executor needs from the outside world. The real adapter is node-fs.ts; tests pass
// a port whose writes fail on purpose to prove pause-and-retry. Every method may throw a Node
// system error (with `code`); the executor decides whether that is fatal or a pause.
import type { Tai64nTime } from '../codec/tai64n.js';

export interface FileInfo {
  mode: number;
  nlink: number;
  size: number;
  isDirectory: boolean;
}

export type LockOutcome = { ok: true; release(): void } | { ok: false; code: string };

export interface ProcessorFds {
  stdin: number;
  stdout: number;
  /** Read end for fd 4: the previous state. */
  state: number;
  /** fd 5: the new state. */
  newState: number;
}

export type ProcessorExit = { code: number | null; signal: string | null };

export interface LogPort {
  mkdir(path: string, mode: number): void;
  /** open(2) with numeric flags (fs.constants) and a creation mode. */
  open(path: string, flags: number, mode?: number): number;
  write(fd: number, data: Buffer, offset: number, length: number, position?: number): number;
  fsync(fd: number): void;
  close(fd: number): void;
  fchmod(fd: number, mode: number): void;
  chmod(path: string, mode: number): void;
  /** undefined when the path does not exist. */
  stat(path: string): FileInfo | undefined;
  link(existing: string, created: string): void;
  /** Quiet when the path does not exist. */
  unlink(path: string): void;
  rename(from: string, to: string): void;
  readdir(path: string): string[];
  lock(path: string): Promise<LockOutcome>;
  runProcessor(command: string, cwd: string, fds: ProcessorFds): Promise<ProcessorExit>;
  now(): Tai64nTime;
  sleep(ms: number): Promise<void>;
}
