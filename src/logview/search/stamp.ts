// The stamp at the start of a log line, whichever logger wrote it (pure):
//   tai64n — `@` + 24 hex digits (multilog t, svlogd -t, s6-log t), then a space;
//   svlogd — svlogd -tt `YYYY-MM-DD_HH:MM:SS.xxxxx` or -ttt `YYYY-MM-DDTHH:MM:SS.xxxxx`, UTC;
//   iso    — s6-log T `YYYY-MM-DD HH:MM:SS.nnnnnnnnn` then two spaces, in the logger's local
//            time (the box's zone: `stampZone` below).
// Where the message starts is what search and filters look at: people search words in the
// message; a time is found with a jump, so the stamp is never searched. The instant a stamp
// names is what jumps and the merged timeline order by: microseconds in the labels' scale
// (daemontools' TAI64N seconds minus 2^62 + 10, which is Unix time on an ordinary box).
import { scanLabel } from '../../time/label-scan.js';
import type { Zone } from '../../time/zone.js';
import { instantOfWall, wallSeconds } from '../time/local-instant.js';

export type StampKind = 'tai64n' | 'svlogd' | 'iso';

export interface Stamp {
  kind: StampKind;
  /** Index just past the stamp. */
  end: number;
  /** Index of the message: past the stamp and the spaces that follow it. */
  message: number;
  /** Fraction digits as written (svlogd: 5, s6-log and labels: 9). */
  fraction: string;
}

const LABEL = /^@[0-9a-f]{24}/;
const SVLOGD = /^(\d{4})-(\d\d)-(\d\d)[_T](\d\d):(\d\d):(\d\d)\.(\d{1,9})/;
const ISO = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{1,9})/;

/** The stamp at the start of `line`, or undefined for a plain line. */
export function readStamp(line: string): Stamp | undefined {
  const first = line.charCodeAt(0);
  if (first === 64) {
    if (!LABEL.test(line)) return undefined;
    return { kind: 'tai64n', end: 25, message: skipSpaces(line, 25, 1), fraction: '' };
  }
  if (first < 48 || first > 57) return undefined;
  const svlogd = SVLOGD.exec(line);
  if (svlogd) {
    const end = svlogd[0].length;
    return { kind: 'svlogd', end, message: skipSpaces(line, end, 1), fraction: svlogd[7]! };
  }
  const iso = ISO.exec(line);
  if (iso) {
    const end = iso[0].length;
    return { kind: 'iso', end, message: skipSpaces(line, end, 2), fraction: iso[7]! };
  }
  return undefined;
}

/** Where the message of `line` starts (0 for a line without a stamp). */
export function messageStart(line: string): number {
  return readStamp(line)?.message ?? 0;
}

function skipSpaces(line: string, at: number, most: number): number {
  let i = at;
  while (i < at + most && line.charCodeAt(i) === 32) i++;
  return i;
}

/** An instant: whole seconds in the labels' scale and nanoseconds. */
export interface StampTime {
  seconds: number;
  nanoseconds: number;
}

/**
 * The instant `line`'s stamp names, or undefined. `stampZone` reads s6-log's local ISO stamps
 * (the zone the logger ran in: the box's own, by default).
 */
export function stampTime(line: string, stampZone: Zone): StampTime | undefined {
  const stamp = readStamp(line);
  if (!stamp) return undefined;
  if (stamp.kind === 'tai64n') {
    const label = scanLabel(line);
    if (!label || typeof label.seconds !== 'number') return undefined;
    return { seconds: label.seconds, nanoseconds: label.nanoseconds };
  }
  const fields = (stamp.kind === 'svlogd' ? SVLOGD : ISO).exec(line)!;
  const n = (i: number) => Number(fields[i]);
  const wall = wallSeconds({
    year: n(1),
    month: n(2),
    day: n(3),
    hour: n(4),
    minute: n(5),
    second: n(6),
  });
  const nanoseconds = Number(stamp.fraction.padEnd(9, '0'));
  const seconds = stamp.kind === 'svlogd' ? wall : instantOfWall(wall, stampZone);
  return { seconds, nanoseconds };
}

/** An instant as one number, microseconds: exact for every date a log holds. */
export function micros(time: StampTime): number {
  return time.seconds * 1e6 + Math.floor(time.nanoseconds / 1000);
}
