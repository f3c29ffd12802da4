// The TZif format of /usr/share/zoneinfo (RFC 8536), parsed as glibc reads it: the 64-bit (v2+)
// block when present, else the 32-bit one; transitions, local time types, leap-second records
// and the POSIX TZ footer. Pure: bytes in, data out.

export interface LocalTimeType {
  offset: number; // seconds east of UTC
  isDst: boolean;
}

export interface LeapRecord {
  transition: number; // in the file's (leap-counting) time scale
  correction: number; // total leap seconds from then on
}

export interface TzifData {
  transitions: number[];
  typeOfTransition: number[];
  types: LocalTimeType[];
  leaps: LeapRecord[];
  footer: string | undefined;
}

interface Counts {
  isut: number;
  isstd: number;
  leap: number;
  time: number;
  type: number;
  char: number;
}

function readCounts(view: DataView, at: number): Counts {
  const n = (i: number) => view.getUint32(at + 20 + i * 4, false);
  return { isut: n(0), isstd: n(1), leap: n(2), time: n(3), type: n(4), char: n(5) };
}

function blockLength(c: Counts, timeSize: number): number {
  return c.time * (timeSize + 1) + c.type * 6 + c.char + c.leap * (timeSize + 4) + c.isstd + c.isut;
}

/** Parse TZif bytes; undefined when they are not a TZif file. */
export function parseTzif(bytes: Uint8Array): TzifData | undefined {
  if (bytes.length < 44 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'TZif')
    return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[4] ?? 0;
  let at = 0;
  let timeSize = 4;
  let counts = readCounts(view, 0);
  if (version >= 0x32) {
    at = 44 + blockLength(counts, 4);
    if (at + 44 > bytes.length) return undefined;
    counts = readCounts(view, at);
    timeSize = 8;
  }
  let p = at + 44;
  if (p + blockLength(counts, timeSize) > bytes.length) return undefined;
  const readTime = (offset: number): number =>
    timeSize === 8 ? Number(view.getBigInt64(offset, false)) : view.getInt32(offset, false);
  const transitions: number[] = [];
  for (let i = 0; i < counts.time; i++, p += timeSize) transitions.push(readTime(p));
  const typeOfTransition: number[] = [];
  for (let i = 0; i < counts.time; i++, p++) typeOfTransition.push(bytes[p] ?? 0);
  const types: LocalTimeType[] = [];
  for (let i = 0; i < counts.type; i++, p += 6)
    types.push({ offset: view.getInt32(p, false), isDst: bytes[p + 4] !== 0 });
  p += counts.char;
  const leaps: LeapRecord[] = [];
  for (let i = 0; i < counts.leap; i++, p += timeSize + 4)
    leaps.push({ transition: readTime(p), correction: view.getInt32(p + timeSize, false) });
  p += counts.isstd + counts.isut;
  let footer: string | undefined;
  if (timeSize === 8 && bytes[p] === 0x0a) {
    const end = bytes.indexOf(0x0a, p + 1);
    if (end > p + 1) footer = String.fromCharCode(...bytes.subarray(p + 1, end));
  }
  if (types.length === 0) return undefined;
  return { transitions, typeOfTransition, types, leaps, footer };
}
