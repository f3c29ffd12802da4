// Synchronous standard input and output for the stream tools (tai64n, tai64nlocal): blocking
// reads and writes are the fastest path in Node and give back-pressure for free — a slow reader
// simply blocks us, so memory stays bounded. Descriptors someone left non-blocking (EAGAIN) are
// waited on in 1 ms naps.
import { readFileSync, readlinkSync, readSync, writeSync } from 'node:fs';

/** An I/O failure on a standard stream; the tools exit 111 on it, silently or with one line. */
export class StreamError extends Error {
  constructor(
    readonly operation: 'read' | 'write',
    readonly code: string,
  ) {
    super(`unable to ${operation}: ${code}`);
  }
}

function nap(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'EIO';
}

/** Read up to `length` bytes into buffer[offset…]; 0 at end of input. */
export function readSome(fd: number, buffer: Uint8Array, offset: number, length: number): number {
  for (;;) {
    try {
      return readSync(fd, buffer, offset, length, null);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'EAGAIN' || code === 'EINTR') nap();
      else if (code === 'EOF') return 0;
      else throw new StreamError('read', code);
    }
  }
}

/** Write all of buffer[start, end). */
export function writeAll(fd: number, buffer: Uint8Array, start: number, end: number): void {
  while (start < end) {
    try {
      start += writeSync(fd, buffer, start, end - start);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'EAGAIN' || code === 'EINTR') nap();
      else throw new StreamError('write', code);
    }
  }
}

/**
 * Whether standard descriptor `fd` was closed when the process started. Node reopens a closed
 * 0, 1 or 2 on /dev/null with O_RDWR before any of our code runs, where a shell redirection opens
 * /dev/null read-only or write-only; on Linux that tells the two apart (elsewhere: false). The
 * real tools get EBADF there, and exit 111.
 */
export function closedAtStartup(fd: 0 | 1 | 2): boolean {
  try {
    if (readlinkSync(`/proc/self/fd/${fd}`) !== '/dev/null') return false;
    const info = readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1');
    const flags = /^flags:\s*([0-7]+)/m.exec(info);
    return flags !== null && (parseInt(flags[1]!, 8) & 3) === 2;
  } catch {
    return false;
  }
}

/** A sink writing to `fd`, or failing as a write to a closed descriptor would. */
export function outputSink(fd: 1 | 2): (bytes: Uint8Array, start: number, end: number) => void {
  if (closedAtStartup(fd)) {
    return (_bytes, start, end) => {
      if (end > start) throw new StreamError('write', 'EBADF');
    };
  }
  return (bytes, start, end) => writeAll(fd, bytes, start, end);
}

/**
 * Die of SIGPIPE, as a C tool with SIGPIPE at its default does when it writes to a pipe nobody
 * reads (shell status 141). Node ignores SIGPIPE; a listener added and removed puts the default
 * back (libuv resets it to SIG_DFL). Returns only if the signal did not end the process.
 */
export function dieOfSigpipe(): void {
  const ignore = () => undefined;
  process.on('SIGPIPE', ignore);
  process.off('SIGPIPE', ignore);
  process.kill(process.pid, 'SIGPIPE');
}

/**
 * Write all of `data` as svc and svstat do: a failed write (a full disk, a closed stderr) changes
 * nothing — no stack trace, the same exit code — except that a tool which keeps SIGPIPE at its
 * default (`onBrokenPipe: 'die'`, svstat) dies of it when the reader is gone.
 */
export function writeOrShrug(
  fd: 1 | 2,
  data: string | Buffer,
  onBrokenPipe: 'ignore' | 'die' = 'ignore',
): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  try {
    writeAll(fd, bytes, 0, bytes.length);
  } catch (error) {
    if (!(error instanceof StreamError)) throw error;
    if (onBrokenPipe === 'die' && error.code === 'EPIPE') dieOfSigpipe();
  }
}
