// Reading multilog's standard input in large chunks, with one twist for pipes: TERM in the middle
// of a line must finish that line and leave the rest in the pipe for the next logger (spec §4.6,
// T40). A pipe is therefore read through a second, non-blocking open of it, watched by the event
// loop one chunk at a time (net.Socket's onread: nothing is read ahead while a chunk is being
// handled, and no read is left blocked in the thread pool, which would stop the process from
// exiting); after TERM, the rest of the line is taken with blocking 1-byte reads of fd 0.
// Regular files are read in big reads. process.stdin is never touched.
import * as fs from 'node:fs';
import * as net from 'node:net';

const FILE_CHUNK = 1 << 19;
const PIPE_CHUNK = 1 << 18;

export interface InputReader {
  /** The next bytes, null at end of input, 'interrupted' after interrupt(). Valid until the next call. */
  read(): Promise<Buffer | null | 'interrupted'>;
  /** Make a read that is waiting for input resolve 'interrupted' now (TERM). */
  interrupt(): void;
  /** One byte with no read-ahead at all, or null at end of input. */
  readByte(): Promise<Buffer | null>;
  /** Stop watching the input. */
  close(): void;
}

function readAsync(fd: number, buf: Buffer, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.read(fd, buf, offset, length, null, (error, n) => (error ? reject(error) : resolve(n))),
  );
}

function fileReader(fd: number): InputReader {
  let buf: Buffer | undefined;
  const one = Buffer.alloc(1);
  return {
    async read() {
      buf ??= Buffer.allocUnsafe(FILE_CHUNK);
      const n = await readAsync(fd, buf, 0, buf.length);
      return n === 0 ? null : buf.subarray(0, n);
    },
    async readByte() {
      return (await readAsync(fd, one, 0, 1)) === 0 ? null : one;
    },
    interrupt() {},
    close() {},
  };
}

function tryRead(fd: number, buf: Buffer, offset: number): number | 'again' {
  try {
    return fs.readSync(fd, buf, offset, buf.length - offset, null);
  } catch {
    // EAGAIN: nothing more now. Any other error: stop here; the watched read reports it next.
    return 'again';
  }
}

type Waiter = { resolve(chunk: Buffer | null | 'interrupted'): void; reject(error: Error): void };

/** A pipe or socket watched by the event loop; `blockingFd` serves the 1-byte reads. */
function streamReader(watchFd: number, blockingFd: number): InputReader {
  const buf = Buffer.allocUnsafe(PIPE_CHUNK);
  const one = Buffer.alloc(1);
  let waiter: Waiter | undefined;
  /** What else the pipe holds right now, read without blocking after buf[0, n): fewer, bigger chunks. */
  const topUp = (n: number): number => {
    let more = 0;
    while (n + more < buf.length) {
      const got = tryRead(watchFd, buf, n + more);
      if (got === 'again') break;
      if (got === 0) {
        ended = true;
        break;
      }
      more += got;
    }
    return more;
  };
  let ended = false;
  let failure: Error | undefined;
  const settle = (action: (w: Waiter) => void) => {
    const w = waiter;
    waiter = undefined;
    if (w) action(w);
  };
  // `onread` is documented for net.Socket (Node ≥ 12) but missing from @types/node 20's options.
  const options: net.SocketConstructorOpts & { onread: unknown } = {
    fd: watchFd,
    readable: true,
    writable: false,
    onread: {
      buffer: buf,
      callback(n: number, b: Uint8Array) {
        socket.pause();
        const filled = n + topUp(n);
        settle((w) => w.resolve(Buffer.from(b.buffer, b.byteOffset, filled)));
        return false;
      },
    },
  };
  const socket = new net.Socket(options);
  socket.pause();
  socket.on('end', () => {
    ended = true;
    settle((w) => w.resolve(null));
  });
  socket.on('error', (error) => {
    failure = error;
    settle((w) => w.reject(error));
  });
  return {
    read() {
      if (failure) return Promise.reject(failure);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve, reject) => {
        waiter = { resolve, reject };
        socket.resume();
      });
    },
    interrupt() {
      socket.pause();
      settle((w) => w.resolve('interrupted'));
    },
    async readByte() {
      socket.pause();
      for (;;) {
        try {
          return (await readAsync(blockingFd, one, 0, 1)) === 0 ? null : one;
        } catch (error) {
          // A socket on fd 0 is non-blocking once watched: poll until the byte comes (after TERM only).
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    },
    close() {
      socket.destroy();
    },
  };
}

export function stdinReader(fd = 0): InputReader {
  const info = fs.fstatSync(fd);
  if (info.isFIFO()) {
    try {
      const watch = fs.openSync(
        `/proc/self/fd/${fd}`,
        fs.constants.O_RDONLY | fs.constants.O_NONBLOCK,
      );
      return streamReader(watch, fd);
    } catch {
      return fileReader(fd);
    }
  }
  if (info.isSocket()) return streamReader(fd, fd);
  return fileReader(fd);
}
