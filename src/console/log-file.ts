// A window of lines over one growing file, by byte offsets and positioned reads (never the whole
// file in memory): the tail, a page back or forward, the top. The console's own small reader of
// a log's `current`, used until src/logview's engine is wired in.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const chunk = 64 * 1024;

export interface Window {
  lines: string[];
  /** Byte offset of the first line shown. */
  start: number;
  /** Byte offset just past the last line shown. */
  end: number;
  size: number;
}

export class LogFile {
  constructor(readonly path: string) {}

  size(): number {
    const fd = this.open();
    if (fd === undefined) return 0;
    try {
      return fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
  }

  /** The last `count` lines. */
  tail(count: number): Window {
    return this.withFd((fd, size) => {
      const start = lineStartsBefore(fd, size, size, count);
      return this.forward(fd, size, start, count);
    });
  }

  /** `count` lines starting at the line that begins at or after `offset`. */
  from(offset: number, count: number): Window {
    return this.withFd((fd, size) => this.forward(fd, size, Math.min(offset, size), count));
  }

  /** `count` lines ending just before the line that starts at `offset`. */
  before(offset: number, count: number): Window {
    return this.withFd((fd, size) => {
      const start = lineStartsBefore(fd, size, Math.min(offset, size), count);
      return this.forward(fd, size, start, count);
    });
  }

  /** The offset `count` lines after `offset` (stopping at the end). */
  skip(offset: number, count: number): number {
    return this.withFd((fd, size) => this.forward(fd, size, offset, count).end);
  }

  private forward(fd: number, size: number, start: number, count: number): Window {
    const lines: string[] = [];
    let position = start;
    let pending = Buffer.alloc(0);
    const buffer = Buffer.alloc(chunk);
    while (lines.length < count && position < size) {
      const n = readSync(fd, buffer, 0, Math.min(chunk, size - position), position);
      if (n <= 0) break;
      position += n;
      let data = Buffer.concat([pending, buffer.subarray(0, n)]);
      let nl: number;
      while (lines.length < count && (nl = data.indexOf(10)) >= 0) {
        lines.push(data.subarray(0, nl).toString('utf8'));
        data = data.subarray(nl + 1);
      }
      pending = Buffer.from(data);
      // A line longer than 1 MB is shown cut: keep only its head.
      if (pending.length > 1 << 20) pending = pending.subarray(0, 1 << 16);
    }
    const consumed = position - pending.length;
    if (lines.length < count && pending.length > 0 && position >= size) {
      lines.push(pending.toString('utf8')); // A partial last line, still being written.
      return { lines, start, end: size, size };
    }
    return { lines, start, end: consumed, size };
  }

  private withFd<T>(use: (fd: number, size: number) => T): T {
    const fd = this.open();
    if (fd === undefined) return use(-1, 0) as T;
    try {
      return use(fd, fstatSync(fd).size);
    } finally {
      closeSync(fd);
    }
  }

  private open(): number | undefined {
    try {
      return openSync(this.path, 'r');
    } catch {
      return undefined;
    }
  }
}

/** The offset of the line start `count` lines before the line starting at `offset`. */
function lineStartsBefore(fd: number, _size: number, offset: number, count: number): number {
  if (fd < 0 || offset <= 0) return 0;
  const buffer = Buffer.alloc(chunk);
  let position = offset;
  // The byte before `offset` ends the previous line (when `offset` is a line start): skip it.
  let found = 0;
  let skipFirst = true;
  while (position > 0) {
    const from = Math.max(0, position - chunk);
    const n = readSync(fd, buffer, 0, position - from, from);
    for (let i = n - 1; i >= 0; i--) {
      if (buffer[i] !== 10) continue;
      if (skipFirst && from + i === offset - 1) {
        skipFirst = false;
        continue;
      }
      skipFirst = false;
      found += 1;
      if (found === count) return from + i + 1;
    }
    position = from;
    if (offset - position > 64 << 20) return position; // Lines that long: give up, show from here.
  }
  return 0;
}
