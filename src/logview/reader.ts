// Lines of a timeline snapshot, read with bounded positional reads: `before` walks backwards
// from a position (tail, page up), `from` forwards (page down, top), both crossing file
// boundaries. Files are opened lazily, once per reader; a reader lives for one operation.
// A file that vanished or changed identity since the listing raises StaleListing, and the
// caller lists again and retries. A line longer than `maxLineBytes` keeps its head only; one
// whose end is not found within `scanLimit` bytes is cut into pieces of that size.
import { decodeBytes, utf8Boundary } from './decode.js';
import type { LogFiles, OpenFile } from './files.js';
import { cutMarker } from './sanitize.js';
import type { Segment } from './segments.js';
import { scanBackward, scanForward, type Span } from './split.js';

export interface ReaderLimits {
  maxLineBytes: number;
  /** Bytes per positional read. */
  windowBytes: number;
  /** How far to look for the other end of one line before cutting it. */
  scanLimit: number;
}

export interface LogLine {
  /** Index of the file in the reader's segments. */
  index: number;
  fileId: string;
  name: string;
  start: number;
  next: number;
  text: string;
}

export class StaleListing extends Error {}

export class TimelineReader {
  private readonly handles = new Map<number, OpenFile>();
  readonly segments: Segment[];

  constructor(
    private readonly files: LogFiles,
    private readonly dir: string,
    segments: readonly Segment[],
    private readonly limits: ReaderLimits,
  ) {
    this.segments = segments.map((s) => ({ ...s }));
  }

  /** The end of the timeline: just past the last byte of its last file. */
  end(): { index: number; offset: number } {
    const index = this.segments.length - 1;
    return { index, offset: index < 0 ? 0 : this.size(index) };
  }

  size(index: number): number {
    return this.handle(index).size;
  }

  /** Up to `count` lines ending before (index, offset), oldest first. */
  before(index: number, offset: number, count: number): LogLine[] {
    const out: LogLine[] = [];
    let i = index;
    let p = offset;
    let windowBytes = this.firstWindow(count);
    while (out.length < count && i >= 0) {
      if (p <= 0) {
        i -= 1;
        if (i >= 0) p = this.size(i);
        continue;
      }
      const file = this.handle(i);
      const windowStart = Math.max(0, p - windowBytes);
      windowBytes = Math.min(this.limits.windowBytes, windowBytes * 2);
      const window = file.read(windowStart, p - windowStart);
      if (window.length < p - windowStart) {
        p = windowStart + window.length; // shrunk under us: read what is there
        continue;
      }
      const scan = scanBackward(window, windowStart, p, count - out.length);
      for (const span of scan.spans) out.push(this.line(i, file, span, false, window, windowStart));
      p = scan.resume;
      if (scan.open && scan.spans.length === 0) {
        const { start, cut } = this.startOf(file, windowStart, scan.open.end);
        const span = { start, end: scan.open.end, next: scan.open.next };
        out.push(this.line(i, file, span, cut));
        p = start;
      }
    }
    return out.reverse();
  }

  /** Up to `count` lines from (index, offset) onwards, oldest first. */
  from(index: number, offset: number, count: number): LogLine[] {
    const out: LogLine[] = [];
    let i = index;
    let p = offset;
    let windowBytes = this.firstWindow(count);
    while (out.length < count && i >= 0 && i < this.segments.length) {
      const file = this.handle(i);
      const window = p < file.size ? file.read(p, Math.min(windowBytes, file.size - p)) : undefined;
      if (!window || window.length === 0) {
        i += 1;
        p = 0;
        continue;
      }
      windowBytes = Math.min(this.limits.windowBytes, windowBytes * 2);
      const atEnd = p + window.length >= file.size;
      const scan = scanForward(window, p, p, count - out.length, atEnd);
      for (const span of scan.spans) out.push(this.line(i, file, span, false, window, p));
      if (scan.open && scan.spans.length === 0) {
        const span = this.endOf(file, p, p + window.length);
        out.push(this.line(i, file, span, span.end === span.next && span.end < file.size));
        p = span.next;
      } else p = scan.resume;
    }
    return out;
  }

  /** A first read sized for `count` ordinary lines; later reads double, up to windowBytes. */
  private firstWindow(count: number): number {
    return Math.min(this.limits.windowBytes, Math.max(4096, count * 256));
  }

  close(): void {
    for (const file of this.handles.values()) file.close();
    this.handles.clear();
  }

  private handle(index: number): OpenFile {
    const existing = this.handles.get(index);
    if (existing) return existing;
    const segment = this.segments[index];
    if (!segment) throw new StaleListing(`no file ${index}`);
    const file = this.files.open(this.dir, segment.name);
    if (!file) throw new StaleListing(`${segment.name} is gone`);
    if (file.id !== segment.id) {
      file.close();
      throw new StaleListing(`${segment.name} was replaced`);
    }
    segment.size = file.size;
    this.handles.set(index, file);
    return file;
  }

  /** The start of the line ending at `end`, looking back from `before`. */
  private startOf(file: OpenFile, before: number, end: number): { start: number; cut: boolean } {
    let p = before;
    while (p > 0 && end - p < this.limits.scanLimit) {
      const from = Math.max(0, p - this.limits.windowBytes, end - this.limits.scanLimit);
      const window = file.read(from, p - from);
      const k = window.lastIndexOf(10);
      if (k >= 0) return { start: from + k + 1, cut: false };
      p = from;
    }
    return p <= 0 ? { start: 0, cut: false } : { start: p, cut: true };
  }

  /** The end of the line starting at `start`, looking on from `after`. */
  private endOf(file: OpenFile, start: number, after: number): Span {
    let p = after;
    const limit = Math.min(file.size, start + this.limits.scanLimit);
    while (p < limit) {
      const window = file.read(p, Math.min(this.limits.windowBytes, limit - p));
      if (window.length === 0) break;
      const k = window.indexOf(10);
      if (k >= 0) return { start, end: p + k, next: p + k + 1 };
      p += window.length;
    }
    return { start, end: p, next: p };
  }

  private line(
    index: number,
    file: OpenFile,
    span: Span,
    cut: boolean,
    window?: Uint8Array,
    windowStart = 0,
  ): LogLine {
    const length = span.end - span.start;
    const want = Math.min(length, this.limits.maxLineBytes + 3);
    const inWindow =
      window && span.start >= windowStart && span.start + want <= windowStart + window.length;
    const bytes = inWindow
      ? window.subarray(span.start - windowStart, span.start - windowStart + want)
      : file.read(span.start, want);
    let text: string;
    if (length <= this.limits.maxLineBytes && !cut) text = decodeBytes(bytes);
    else {
      const keep = utf8Boundary(bytes, Math.min(bytes.length, this.limits.maxLineBytes));
      text = decodeBytes(bytes.subarray(0, keep)) + cutMarker(length - keep, cut);
    }
    const segment = this.segments[index]!;
    return {
      index,
      fileId: segment.id,
      name: segment.name,
      start: span.start,
      next: span.next,
      text,
    };
  }
}
