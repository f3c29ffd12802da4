// Find the first line at or after an instant without reading what comes before it: rotated
// files are named by the label of the moment they were finished (multilog, svlogd), so every
// line of `@X.s` is at or before X and after the name of the file before it — the names pick
// the file; inside it, a binary search on the stamps of lines at byte midpoints (a few reads of
// a few KB) narrows to one window, read forwards. Lines without a stamp take the time of the
// stamped line before them, so they are never landed on first.
import type { Zone } from '../../time/zone.js';
import type { LogFiles, OpenFile } from '../files.js';
import type { Segment } from '../segments.js';
import type { LogPosition } from '../types.js';
import { micros, stampTime } from '../search/stamp.js';

export interface JumpTarget {
  /** Microseconds, labels' scale. */
  at: number;
}

export type Landing = { position: LogPosition } | { after: true };

/** Bytes below which the search stops halving and reads forwards. */
const LINEAR_BYTES = 16 * 1024;
/** How far from a midpoint to look for a stamped line. */
const PROBE_BYTES = 8 * 1024;

export function nameMicros(name: string): number | undefined {
  const match = /^@([0-9a-f]{24})\.[su]$/.exec(name);
  if (!match) return undefined;
  return micros(stampTime(`@${match[1]}`, UTC_FOR_LABELS)!);
}

/** Labels need no zone; the type wants one. */
const UTC_FOR_LABELS: Zone = {
  name: 'UTC',
  lookup: () => ({ offset: 0, leapHit: 0, from: -Infinity, until: Infinity }),
};

export function findInstant(
  files: LogFiles,
  dir: string,
  segments: readonly Segment[],
  target: number,
  stampZone: Zone,
): Landing {
  // The first file that may hold the instant: the first whose name is not before it.
  let first = segments.findIndex((s) => (nameMicros(s.name) ?? Infinity) >= target);
  if (first < 0) first = segments.length;
  for (let index = Math.max(0, first); index < segments.length; index++) {
    const segment = segments[index]!;
    const file = files.open(dir, segment.name);
    if (!file) continue;
    try {
      const offset = searchFile(file, target, stampZone);
      if (offset !== undefined) {
        return { position: { fileId: file.id, name: segment.name, offset } };
      }
    } finally {
      file.close();
    }
  }
  return { after: true };
}

/** The offset of the first line at or after `target` in one file, or undefined. */
function searchFile(file: OpenFile, target: number, zone: Zone): number | undefined {
  let lo = 0; // a line start; every stamped line before it is before the target
  let hi = file.size; // the answer (if any) starts at or before the end
  while (hi - lo > LINEAR_BYTES) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const probe = stampedLineFrom(file, mid, Math.min(hi, mid + PROBE_BYTES), zone);
    if (!probe) {
      hi = mid;
      continue;
    }
    if (probe.at < target) lo = probe.next;
    else hi = mid;
  }
  // Forwards from lo, to the end of the file if need be.
  let p = lo;
  while (p < file.size) {
    const bytes = file.read(p, Math.min(1 << 16, file.size - p));
    if (bytes.length === 0) break;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    let line = 0;
    for (;;) {
      const newline = text.indexOf(10, line);
      if (newline < 0 && p + bytes.length < file.size) break;
      const end = newline < 0 ? bytes.length : newline;
      const time = stampTime(text.toString('latin1', line, Math.min(end, line + 48)), zone);
      if (time && micros(time) >= target) return p + line;
      if (newline < 0) return undefined;
      line = newline + 1;
      if (line >= bytes.length) break;
    }
    if (line === 0)
      p += bytes.length; // one line longer than the read: skip on
    else p += line;
  }
  return undefined;
}

/** The first line starting after `from` (and before `limit`) that carries a stamp. */
function stampedLineFrom(file: OpenFile, from: number, limit: number, zone: Zone) {
  const bytes = file.read(from, Math.max(0, limit - from));
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let line = text.indexOf(10) + 1;
  while (line > 0 && line < text.length) {
    const newline = text.indexOf(10, line);
    const end = newline < 0 ? text.length : newline;
    const time = stampTime(text.toString('latin1', line, Math.min(end, line + 48)), zone);
    if (time && newline >= 0)
      return { at: micros(time), start: from + line, next: from + newline + 1 };
    line = newline + 1;
  }
  return undefined;
}
