// The pipe between a service and its logger, created and held by the supervisor (spec §1.6), so
// that a restarting logger — or a restarting service — finds the same kernel buffer: nothing
// written while the logger is down is lost; the writer blocks once 64 KiB are waiting.
//
// Node has no pipe(2). A FIFO gives the same kernel object: made in the supervisor's private
// 0700 directory, opened O_RDWR first (which never blocks on Linux), then once for reading and
// once for writing — both blocking descriptions, as a service's stdout and multilog's stdin expect
// — and the O_RDWR one closed again, so the logger sees end of input once every writer is gone.
import { closeSync, constants, openSync, rmSync } from 'node:fs';
import { makeFifos } from './files.js';

export interface LogPipe {
  /** For a spawned logger's stdin. */
  readFd: number;
  /** For the service's stdout; closed by closeWriter() when the service is gone for good. */
  writeFd: number;
  /** A separate read description for the in-process logger (libuv makes it non-blocking). */
  openReader(): number;
  closeWriter(): void;
  close(): void;
}

export function createLogPipe(path: string): LogPipe {
  const error = makeFifos([path]);
  if (error) throw new Error(`unable to create the log pipe ${path}: ${error}`);
  const both = openSync(path, constants.O_RDWR);
  const readFd = openSync(path, constants.O_RDONLY);
  const writeFd = openSync(path, constants.O_WRONLY);
  closeSync(both);
  let writerOpen = true;
  let open = true;
  return {
    readFd,
    writeFd,
    openReader: () => openSync(path, constants.O_RDONLY | constants.O_NONBLOCK),
    closeWriter() {
      if (writerOpen) closeSync(writeFd);
      writerOpen = false;
    },
    close() {
      if (!open) return;
      open = false;
      this.closeWriter();
      closeSync(readFd);
      rmSync(path, { force: true });
    },
  };
}
