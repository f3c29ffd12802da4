// Line splitting of a window of file bytes read at a known offset (pure). A line starts at
// offset 0 or just after a `\n`; its content ends before the next `\n` (or at the end of the
// file for an unterminated last line). Windows are read backwards from the end of a file (to
// open at the tail and page up) or forwards (page down, top). A line whose other end is not in
// the window is reported as `open`, for the reader to look further or to cut it.

export interface Span {
  /** Offset of the line's first byte. */
  start: number;
  /** Offset just past its content (the `\n`, or the end of the data). */
  end: number;
  /** Where the following line starts: end + 1 after a `\n`, else end. */
  next: number;
}

export interface BackwardScan {
  /** Complete lines found, newest first. */
  spans: Span[];
  /** The line start to continue backwards from (the oldest span's start, or `limit`). */
  resume: number;
  /** The line ending there, whose start lies before the window. */
  open?: { end: number; next: number };
}

/**
 * Lines ending before `limit` (a line start, or the end of the data) in `window`, which holds
 * the bytes from `windowStart` up to at least `limit`; at most `count` of them.
 */
export function scanBackward(
  window: Uint8Array,
  windowStart: number,
  limit: number,
  count: number,
): BackwardScan {
  const spans: Span[] = [];
  let p = limit;
  while (spans.length < count && p > 0 && p > windowStart) {
    const newline = window[p - 1 - windowStart] === 10;
    const end = newline ? p - 1 : p;
    const k = end > windowStart ? lastNewline(window, end - windowStart - 1) : -1;
    if (k < 0 && windowStart > 0) return { spans, resume: p, open: { end, next: p } };
    const start = k < 0 ? 0 : windowStart + k + 1;
    spans.push({ start, end, next: p });
    p = start;
  }
  return { spans, resume: p };
}

export interface ForwardScan {
  /** Complete lines found, oldest first. */
  spans: Span[];
  /** The line start to continue forwards from. */
  resume: number;
  /** Set when a line starting at `resume` does not end inside the window. */
  open: boolean;
}

/**
 * Lines starting at `from` (a line start) in `window` (bytes from `windowStart`), at most
 * `count`. `atEnd` says the window reaches the end of the data, so an unterminated last line
 * is complete.
 */
export function scanForward(
  window: Uint8Array,
  windowStart: number,
  from: number,
  count: number,
  atEnd: boolean,
): ForwardScan {
  const spans: Span[] = [];
  const windowEnd = windowStart + window.length;
  let p = from;
  while (spans.length < count && p < windowEnd) {
    const k = window.indexOf(10, p - windowStart);
    if (k >= 0) {
      spans.push({ start: p, end: windowStart + k, next: windowStart + k + 1 });
      p = windowStart + k + 1;
    } else if (atEnd) {
      spans.push({ start: p, end: windowEnd, next: windowEnd });
      p = windowEnd;
    } else return { spans, resume: p, open: true };
  }
  return { spans, resume: p, open: false };
}

/** Index of the last `\n` at or before `from` (>= 0), or -1. */
function lastNewline(window: Uint8Array, from: number): number {
  return from < 0 ? -1 : window.lastIndexOf(10, from);
}
