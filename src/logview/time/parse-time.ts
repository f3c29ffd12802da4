// What the operator types at the jump prompt, read in the active zone (pure):
//   `2013-03-18 19:08:40`, `2013-03-18T19:08`, `2013-03-18` (midnight), fractions allowed;
//   `19:08`, `19:08:40` — the latest such time that is not in the future (a log is the past);
//   `yesterday 14:00`, `today 14:00`, `yesterday`, `today` (midnight);
//   `-1h`, `-10m`, `-30s`, `-2d`, `-1h30m` — that long before now; `+` counts forwards;
//   `@4000…` — a TAI64N label, as it is written in the files.
// The result is an instant in the labels' scale, whole seconds and nanoseconds, as stamps have.
import { parseLabel } from '../../codec/tai64n.js';
import { civilFromDays } from '../../time/civil.js';
import type { Zone } from '../../time/zone.js';
import type { StampTime } from '../search/stamp.js';
import { instantOfWall, wallOfInstant, wallSeconds } from './local-instant.js';

export type ParsedTime = { time: StampTime } | { error: string };

const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[ t_](\d{1,2}):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?)?$/;
const TIME = /^(\d{1,2}):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?$/;
const DAY_WORD = /^(today|yesterday)(?:\s+(.+))?$/;
const RELATIVE = /^([+-])((?:\d+(?:\.\d+)?[dhms]\s*)+)$/;
const UNIT_SECONDS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };

/** `text` read in `zone`; `now` is the current instant (seconds, labels' scale). */
export function parseJumpTime(text: string, zone: Zone, now: number): ParsedTime {
  const input = text.trim().toLowerCase();
  if (input.startsWith('@')) {
    const label = parseLabel(input);
    if (!label) return { error: `not a TAI64N label: ${text.trim()}` };
    return { time: { seconds: Number(label.seconds), nanoseconds: label.nanoseconds } };
  }
  const relative = RELATIVE.exec(input);
  if (relative) {
    let seconds = 0;
    for (const part of relative[2]!.matchAll(/(\d+(?:\.\d+)?)([dhms])/g)) {
      seconds += Number(part[1]) * UNIT_SECONDS[part[2]!]!;
    }
    return fromFloat(now + (relative[1] === '-' ? -seconds : seconds));
  }
  const date = DATE_TIME.exec(input);
  if (date) {
    const n = (i: number) => Number(date[i] ?? 0);
    const month = n(2);
    const day = n(3);
    if (month < 1 || month > 12 || day < 1 || day > 31) return { error: `no such date: ${text}` };
    const clock = checkClock(n(4), n(5), n(6));
    if (clock) return clock;
    const wall = wallSeconds({ year: n(1), month, day, hour: n(4), minute: n(5), second: n(6) });
    return at(wall, date[7], zone);
  }
  const today = startOfDay(wallOfInstant(now, zone));
  const time = TIME.exec(input);
  if (time) {
    const clock = checkClock(Number(time[1]), Number(time[2]), Number(time[3] ?? 0));
    if (clock) return clock;
    const into = Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0);
    const parsed = at(today + into, time[4], zone);
    if ('time' in parsed && parsed.time.seconds > now)
      return at(today - 86400 + into, time[4], zone);
    return parsed;
  }
  const word = DAY_WORD.exec(input);
  if (word) {
    const day = word[1] === 'yesterday' ? today - 86400 : today;
    if (!word[2]) return at(day, undefined, zone);
    const clock = TIME.exec(word[2]);
    if (!clock) return { error: `not a time of day: ${word[2]}` };
    const bad = checkClock(Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0));
    if (bad) return bad;
    const into = Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0);
    return at(day + into, clock[4], zone);
  }
  return {
    error: `not a time: ${JSON.stringify(text)} (try 2013-03-18 19:08:40, 19:08, -1h, yesterday 14:00)`,
  };
}

function checkClock(hour: number, minute: number, second: number): ParsedTime | undefined {
  if (hour > 23 || minute > 59 || second > 60) {
    return { error: `no such time of day: ${hour}:${minute}:${second}` };
  }
  return undefined;
}

function at(wall: number, fraction: string | undefined, zone: Zone): ParsedTime {
  const seconds = instantOfWall(wall, zone);
  return { time: { seconds, nanoseconds: Number((fraction ?? '').padEnd(9, '0')) } };
}

function startOfDay(wall: number): number {
  const days = Math.floor(wall / 86400);
  const { year, month, day } = civilFromDays(days);
  return wallSeconds({ year, month, day, hour: 0, minute: 0, second: 0 });
}

function fromFloat(seconds: number): ParsedTime {
  const whole = Math.floor(seconds);
  return { time: { seconds: whole, nanoseconds: Math.round((seconds - whole) * 1e9) } };
}
