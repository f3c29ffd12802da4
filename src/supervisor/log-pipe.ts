// The pipe between a service and its logger, created and held by the supervisor (spec §1.6), so
// that a restarting logger — or a restarting service — finds the same kernel buffer: nothing
// written while the logger is down is lost; the writer blocks once 64 KiB are waiting.
//
// Node has no pipe(2). A FIFO gives the same kernel object: made in a fresh private 0700
// directory, opened O_RDWR first (which never blocks on Linux), then for reading and for writing
// — blocking descriptions, as a service's stdout and multilog's stdin expect — plus one
// non-blocking read description for the in-process logger; then the O_RDWR one is closed (so the
// logger sees end of input once every writer is gone) and the FIFO and its directory are removed
// at once: nothing is left on disk, even if the supervisor is killed.
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFifos } from './files.js';

export interface LogPipe {
  /** For a spawned logger's stdin. */
  readFd: number;
  /** For the service's stdout; closed by closeWriter() when the service is gone for good. */
  writeFd: number;
  /**
   * The in-process logger's reader, one for the life of the pipe: bytes it has read ahead while
   * a logger restarts stay in it for the next run (destroying it would lose them).
   */
  reader(): Socket;
  /**
   * Lines the in-process logger has read from the pipe so far (the resource history's log lines
   * per second); undefined while no in-process logger has read it: a spawned logger's lines are
   * not counted.
   */
  linesRead: number | undefined;
  closeWriter(): void;
  close(): void;
}

export function createLogPipe(): LogPipe {
  const dir = mkdtempSync(join(tmpdir(), 'svtui-pipe-'));
  const path = join(dir, 'pipe');
  let fds: { readFd: number; writeFd: number; inProcessFd: number };
  try {
    const error = makeFifos([path]);
    if (error) throw new Error(`unable to create a log pipe in ${dir}: ${error}`);
    const both = openSync(path, constants.O_RDWR);
    fds = {
      readFd: openSync(path, constants.O_RDONLY),
      writeFd: openSync(path, constants.O_WRONLY),
      inProcessFd: openSync(path, constants.O_RDONLY | constants.O_NONBLOCK),
    };
    closeSync(both);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { readFd, writeFd, inProcessFd } = fds;
  let socket: Socket | undefined;
  let writerOpen = true;
  let open = true;
  const closeWriter = () => {
    if (writerOpen) closeSync(writeFd);
    writerOpen = false;
  };
  return {
    readFd,
    writeFd,
    linesRead: undefined,
    reader() {
      socket ??= new Socket({ fd: inProcessFd, readable: true, writable: false }).pause();
      return socket;
    },
    closeWriter,
    close() {
      if (!open) return;
      open = false;
      closeWriter();
      closeSync(readFd);
      if (socket) socket.destroy();
      else closeSync(inProcessFd);
    },
  };
}
