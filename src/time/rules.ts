// glibc's localtime rules for one zone (tzfile.c __tzfile_compute and tzset.c __tz_compute):
// which offset and leap-second correction apply at an instant, and over which span of instants
// that answer holds (so callers can cache it). Pure; the tables are flattened into typed arrays
// once, because the stream decoder asks on every new second.
import { parsePosixTz, posixOffset, type PosixZone } from './posix-tz.js';
import type { LeapRecord, TzifData } from './tzif.js';

/** What localtime needs at an instant: offset net of leap seconds, `:60` extra, validity span. */
export interface ZoneLookup {
  offset: number; // seconds to add to the label's Unix seconds (gmtoff − leap correction)
  leapHit: number; // seconds to add to tm_sec: 1 during an inserted leap second
  from: number;
  until: number;
}

export interface ZoneRules {
  transitions: Float64Array; // ascending instants (the file's time scale)
  offsets: Int32Array; // the offset from each transition on
  before: number; // the offset before the first transition (glibc: first standard-time type)
  fromFile: boolean; // a TZif file (else a bare TZ string, ruled by `footer` alone)
  footer?: PosixZone; // rules after the last transition, or for a bare TZ string
  leapTransitions: Float64Array;
  leapCorrections: Int32Array;
}

export function leapArrays(leaps: LeapRecord[]) {
  return {
    leapTransitions: Float64Array.from(leaps, (l) => l.transition),
    leapCorrections: Int32Array.from(leaps, (l) => l.correction),
  };
}

export function rulesFromTzif(tzif: TzifData, leaps: LeapRecord[] = tzif.leaps): ZoneRules {
  const footer = tzif.footer === undefined ? undefined : parsePosixTz(tzif.footer);
  const type = (i: number) => tzif.types[i] ?? tzif.types[0]!;
  return {
    transitions: Float64Array.from(tzif.transitions),
    offsets: Int32Array.from(tzif.typeOfTransition, (i) => type(i).offset),
    before: (tzif.types.find((x) => !x.isDst) ?? tzif.types[0]!).offset,
    fromFile: true,
    ...(footer ? { footer } : {}),
    ...leapArrays(leaps),
  };
}

export function rulesFromPosix(posix: PosixZone, leaps: LeapRecord[] = []): ZoneRules {
  return {
    transitions: new Float64Array(0),
    offsets: new Int32Array(0),
    before: posix.stdOffset,
    fromFile: false,
    footer: posix,
    ...leapArrays(leaps),
  };
}

export function withLeaps(rules: ZoneRules, leaps: LeapRecord[]): ZoneRules {
  return { ...rules, ...leapArrays(leaps) };
}

export const UTC_RULES: ZoneRules = rulesFromPosix({ stdOffset: 0, dstOffset: 0 });

/** The index of the last value ≤ t in an ascending array (−1 when none). */
function lastAtOrBefore(values: Float64Array, t: number): number {
  let lo = -1;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** localtime's view of instant `t`, or undefined where glibc's localtime fails. */
export function lookupRules(rules: ZoneRules, t: number): ZoneLookup | undefined {
  const tr = rules.transitions;
  const last = tr.length - 1;
  let offset: number;
  let from: number;
  let until: number;
  const i = lastAtOrBefore(tr, t);
  if (rules.fromFile && i < 0) {
    offset = rules.before;
    from = -Infinity;
    until = last < 0 ? Infinity : tr[0]!;
  } else if (last < 0 || i === last) {
    // After the last transition (or a bare TZ string): the POSIX rules. A file falls back to its
    // last type where glibc's gmtime fails; a bare TZ string has no answer there.
    const rule = rules.footer ? posixOffset(rules.footer, t) : undefined;
    if (rule) {
      offset = rule.offset;
      from = last < 0 ? rule.from : Math.max(rule.from, tr[last]!);
      until = rule.until;
    } else if (last >= 0) {
      offset = rules.offsets[last]!;
      from = tr[last]!;
      until = Infinity;
    } else return undefined;
  } else {
    offset = rules.offsets[i]!;
    from = tr[i]!;
    until = tr[i + 1]!;
  }
  return applyLeaps(rules, t, offset, from, until);
}

/**
 * glibc's leap-second step for `right/` zones: subtract the correction in force at `t` from the
 * zone's offset, and during an inserted second report it as `:60` (leapHit).
 */
export function applyLeaps(
  rules: Pick<ZoneRules, 'leapTransitions' | 'leapCorrections'>,
  t: number,
  offset: number,
  from: number,
  until: number,
): ZoneLookup {
  const leaps = rules.leapTransitions;
  if (leaps.length === 0) return { offset, leapHit: 0, from, until };
  const corrections = rules.leapCorrections;
  const k = lastAtOrBefore(leaps, t);
  if (k + 1 < leaps.length && leaps[k + 1]! < until) until = leaps[k + 1]!;
  if (k < 0) return { offset, leapHit: 0, from, until };
  offset -= corrections[k]!;
  const inserted = (j: number) => corrections[j]! > (j === 0 ? 0 : corrections[j - 1]!);
  if (t === leaps[k] && inserted(k)) {
    let hit = 1;
    for (let j = k; j > 0; j--) {
      if (leaps[j] !== leaps[j - 1]! + 1 || corrections[j] !== corrections[j - 1]! + 1) break;
      hit++;
    }
    return { offset, leapHit: hit, from: t, until: t + 1 };
  }
  const after = leaps[k]! + (inserted(k) ? 1 : 0);
  return { offset, leapHit: 0, from: after > from ? after : from, until };
}
