// glibc's localtime rules for one zone (tzfile.c __tzfile_compute and tzset.c __tz_compute):
// which offset and leap-second correction apply at an instant, and over which span of instants
// that answer holds (so callers can cache it). Pure.
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
  tzif?: TzifData;
  footer?: PosixZone;
  posix?: PosixZone; // a TZ string without a file
  leaps: LeapRecord[];
}

export function rulesFromTzif(tzif: TzifData, leaps: LeapRecord[] = tzif.leaps): ZoneRules {
  const footer = tzif.footer === undefined ? undefined : parsePosixTz(tzif.footer);
  return { tzif, leaps, ...(footer ? { footer } : {}) };
}

export const UTC_RULES: ZoneRules = { posix: { stdOffset: 0, dstOffset: 0 }, leaps: [] };

function lastAtOrBefore(values: number[], t: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((values[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function tzifSpan(
  tzif: TzifData,
  footer: PosixZone | undefined,
  t: number,
): { offset: number; from: number; until: number } {
  const tr = tzif.transitions;
  const type = (i: number) => tzif.types[tzif.typeOfTransition[i] ?? 0] ?? tzif.types[0]!;
  const first = tr[0];
  if (first === undefined || t < first) {
    const std = tzif.types.find((x) => !x.isDst) ?? tzif.types[0]!;
    return { offset: std.offset, from: -Infinity, until: first ?? Infinity };
  }
  const last = tr.length - 1;
  if (t >= tr[last]!) {
    const rule = footer ? posixOffset(footer, t) : undefined;
    if (rule) return { ...rule, from: Math.max(rule.from, tr[last]!) };
    return { offset: type(last).offset, from: tr[last]!, until: Infinity };
  }
  const i = lastAtOrBefore(tr, t);
  return { offset: type(i).offset, from: tr[i]!, until: tr[i + 1]! };
}

/** localtime's view of instant `t`, or undefined where glibc's localtime fails. */
export function lookupRules(rules: ZoneRules, t: number): ZoneLookup | undefined {
  const span = rules.tzif ? tzifSpan(rules.tzif, rules.footer, t) : posixOffset(rules.posix!, t);
  if (!span) return undefined;
  const { leaps } = rules;
  let i = leaps.length - 1;
  while (i >= 0 && t < leaps[i]!.transition) i--;
  if (i < 0) {
    return { ...span, leapHit: 0, until: Math.min(span.until, leaps[0]?.transition ?? Infinity) };
  }
  const leap = leaps[i]!;
  const inserted = (k: number) => leaps[k]!.correction > (k === 0 ? 0 : leaps[k - 1]!.correction);
  const until = Math.min(span.until, leaps[i + 1]?.transition ?? Infinity);
  const offset = span.offset - leap.correction;
  if (t === leap.transition && inserted(i)) {
    let hit = 1;
    for (let k = i; k > 0; k--) {
      const prev = leaps[k - 1]!;
      if (
        leaps[k]!.transition !== prev.transition + 1 ||
        leaps[k]!.correction !== prev.correction + 1
      )
        break;
      hit++;
    }
    return { offset, leapHit: hit, from: t, until: t + 1 };
  }
  const from = Math.max(span.from, leap.transition + (inserted(i) ? 1 : 0));
  return { offset, leapHit: 0, from, until };
}
