// Synchronous standard input and output for the stream tools (tai64n, tai64nlocal): blocking
// reads and writes are the fastest path in Node and give back-pressure for free — a slow reader
// simply blocks us, so memory stays bounded. Descriptors someone left non-blocking (EAGAIN) are
// waited on in 1 ms naps.
import { readSync, writeSync } from 'node:fs';

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
