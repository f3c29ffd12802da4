// Reading multilog's standard input in large chunks, with one twist for pipes: TERM in the middle
// of a line must finish that line and leave the rest in the pipe for the next logger (spec §4.6,
// T40). So an idle pipe is waited on with a blocking 1-byte read (the only read that can be in
// flight when TERM comes), and data is then taken in bulk through a second, non-blocking open of
// the same pipe. Regular files are read in big blocking reads. process.stdin is never touched.
import * as fs from 'node:fs';

const FILE_CHUNK = 1 << 20;
const PIPE_CHUNK = 1 << 18;

export interface InputReader {
  /** The next bytes, or null at end of input. Valid until the next call. */
  read(): Promise<Buffer | null>;
  /** One byte (no read-ahead at all), or null at end of input. */
  readByte(): Promise<Buffer | null>;
  /** After TERM: never read past what was asked for. */
  lineMode: boolean;
}

function readAsync(fd: number, buf: Buffer, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.read(fd, buf, offset, length, null, (error, n) => (error ? reject(error) : resolve(n))),
  );
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function tryNonBlocking(fd: number, buf: Buffer, offset: number): number | 'again' {
  try {
    return fs.readSync(fd, buf, offset, buf.length - offset, null);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return 'again';
    throw error;
  }
}

export function stdinReader(fd = 0): InputReader {
  const info = fs.fstatSync(fd);
  let nonBlocking: number | undefined;
  if (info.isFIFO()) {
    try {
      nonBlocking = fs.openSync(
        `/proc/self/fd/${fd}`,
        fs.constants.O_RDONLY | fs.constants.O_NONBLOCK,
      );
    } catch {
      nonBlocking = undefined;
    }
  }
  const size = nonBlocking === undefined ? FILE_CHUNK : PIPE_CHUNK;
  let buf: Buffer | undefined;
  const one = Buffer.alloc(1);
  const reader: InputReader = {
    lineMode: false,
    async readByte() {
      const n = await readAsync(fd, one, 0, 1);
      return n === 0 ? null : one;
    },
    async read() {
      buf ??= Buffer.allocUnsafe(size);
      if (nonBlocking === undefined) {
        const n = await readAsync(fd, buf, 0, buf.length);
        return n === 0 ? null : buf.subarray(0, n);
      }
      await yieldToEvents();
      const n = tryNonBlocking(nonBlocking, buf, 0);
      if (n !== 'again') return n === 0 ? null : buf.subarray(0, n);
      const first = await readAsync(fd, buf, 0, 1);
      if (first === 0) return null;
      if (reader.lineMode) return buf.subarray(0, 1);
      const more = tryNonBlocking(nonBlocking, buf, 1);
      return buf.subarray(0, 1 + (more === 'again' ? 0 : more));
    },
  };
  return reader;
}
