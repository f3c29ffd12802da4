// POSIX TZ strings (`EST5EDT,M3.2.0,M11.1.0`, `<+0330>-3:30`, `UTC0`) as glibc parses and applies
// them (tzset.c): for the TZ variable itself and for the footer of a TZif file, which rules every
// instant after the file's last transition. Pure.
import { civilFromDays, daysFromCivil, isLeapYear, offtime, yearFitsTm } from './civil.js';

export interface ChangeRule {
  kind: 'J' | 'D' | 'M'; // Jn (1..365, no Feb 29), n (0..365), Mm.w.d
  day: number;
  week: number;
  month: number;
  seconds: number; // local time of day of the change
}

export interface PosixZone {
  stdOffset: number; // seconds east of UTC
  dstOffset: number;
  start?: ChangeRule; // into daylight time
  end?: ChangeRule; // back to standard time
}

/** An offset and the span of instants [from, until) over which it holds. */
export interface OffsetSpan {
  offset: number;
  from: number;
  until: number;
}

const DEFAULT_START: ChangeRule = { kind: 'M', month: 3, week: 2, day: 0, seconds: 7200 };
const DEFAULT_END: ChangeRule = { kind: 'M', month: 11, week: 1, day: 0, seconds: 7200 };

class Cursor {
  constructor(
    readonly text: string,
    public at = 0,
  ) {}
  peek(): string {
    return this.text[this.at] ?? '';
  }
  number(): number | undefined {
    const m = /^\d+/.exec(this.text.slice(this.at));
    if (!m) return undefined;
    this.at += m[0].length;
    return Number(m[0]);
  }
  /** [+-]hh[:mm[:ss]] in seconds, sign applied as written. */
  clock(maxHours: number): number | undefined {
    let sign = 1;
    if (this.peek() === '+' || this.peek() === '-') sign = this.text[this.at++] === '-' ? -1 : 1;
    const h = this.number();
    if (h === undefined) return undefined;
    let total = Math.min(h, maxHours) * 3600;
    for (const scale of [60, 1]) {
      if (this.peek() !== ':') break;
      this.at++;
      const part = this.number();
      if (part === undefined) break;
      total += Math.min(part, 59) * scale;
    }
    return sign * total;
  }
  name(): boolean {
    if (this.peek() === '<') {
      const close = this.text.indexOf('>', this.at);
      if (close < 0 || !/^[A-Za-z0-9+-]{3,}$/.test(this.text.slice(this.at + 1, close)))
        return false;
      this.at = close + 1;
      return true;
    }
    const m = /^[A-Za-z]{3,}/.exec(this.text.slice(this.at));
    if (!m) return false;
    this.at += m[0].length;
    return true;
  }
  rule(): ChangeRule | undefined {
    if (this.peek() !== ',') return undefined;
    this.at++;
    let rule: ChangeRule;
    if (this.peek() === 'J' || /\d/.test(this.peek())) {
      const kind = this.peek() === 'J' ? 'J' : 'D';
      if (kind === 'J') this.at++;
      const day = this.number();
      if (day === undefined) return undefined;
      rule = { kind, day, week: 0, month: 0, seconds: 7200 };
    } else if (this.peek() === 'M') {
      const m = /^M(\d+)\.(\d+)\.(\d+)/.exec(this.text.slice(this.at));
      if (!m) return undefined;
      this.at += m[0].length;
      const [month, week, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (month < 1 || month > 12 || week < 1 || week > 5 || day > 6) return undefined;
      rule = { kind: 'M', month, week, day, seconds: 7200 };
    } else return undefined;
    if (this.peek() === '/') {
      this.at++;
      const seconds = this.clock(167);
      if (seconds === undefined) return undefined;
      rule.seconds = seconds;
    }
    return rule;
  }
}

/** Parse a POSIX TZ string; undefined when glibc would not accept it (it then uses UTC). */
export function parsePosixTz(text: string): PosixZone | undefined {
  const c = new Cursor(text);
  if (!c.name()) return undefined;
  const std = c.clock(24);
  if (std === undefined) return undefined;
  const zone: PosixZone = { stdOffset: -std, dstOffset: -std };
  if (c.at >= text.length || !c.name()) return zone;
  const dst = /[+\-\d]/.test(c.peek()) ? c.clock(24) : undefined;
  zone.dstOffset = dst === undefined ? zone.stdOffset + 3600 : -dst;
  const start = c.rule();
  const end = start ? c.rule() : undefined;
  zone.start = start && end ? start : DEFAULT_START;
  zone.end = start && end ? end : DEFAULT_END;
  return zone;
}

const MONTH_START = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function monthStart(month: number, leap: boolean): number {
  return (MONTH_START[month - 1] ?? 0) + (leap && month > 2 ? 1 : 0);
}

/**
 * The day January 1st of `year` begins, as glibc's compute_change works it out: from the epoch
 * only after 1970 (earlier years start at day 0), in C int arithmetic that wraps for years
 * beyond about 5.8 million — which is why glibc shows no daylight time there.
 */
function yearStartAsGlibc(year: number): number {
  if (year <= 1970) return 0;
  const div = (a: number, b: number) => Math.trunc(a / b);
  let days = Math.imul(year - 1970, 365);
  days = (days + (div(year - 1, 4) - div(1970, 4))) | 0;
  days = (days - (div(year - 1, 100) - div(1970, 100))) | 0;
  days = (days + (div(year - 1, 400) - div(1970, 400))) | 0;
  return days;
}

/** glibc compute_change: the instant `rule` fires in `year`, for a local clock at `offset`. */
function changeInstant(rule: ChangeRule, year: number, offset: number): number {
  let t = yearStartAsGlibc(year) * 86400;
  const leap = isLeapYear(year);
  if (rule.kind === 'J') t += (rule.day - 1 + (leap && rule.day >= 60 ? 1 : 0)) * 86400;
  else if (rule.kind === 'D') t += rule.day * 86400;
  else {
    t += monthStart(rule.month, leap) * 86400;
    // Zeller's congruence in C arithmetic, as glibc has it (it differs for negative years).
    const m1 = ((rule.month + 9) % 12) + 1;
    const yy0 = rule.month <= 2 ? year - 1 : year;
    const yy1 = Math.trunc(yy0 / 100);
    const yy2 = yy0 % 100;
    let firstDow =
      (Math.trunc((26 * m1 - 2) / 10) +
        1 +
        yy2 +
        Math.trunc(yy2 / 4) +
        Math.trunc(yy1 / 4) -
        2 * yy1) %
      7;
    if (firstDow < 0) firstDow += 7;
    let d = rule.day - firstDow;
    if (d < 0) d += 7;
    const length = monthStart(rule.month + 1, leap) - monthStart(rule.month, leap);
    for (let i = 1; i < rule.week && d + 7 < length; i++) d += 7;
    t += d * 86400;
  }
  return t - offset + rule.seconds;
}

/** The UTC year of instant `t`, or undefined where glibc's gmtime overflows. */
function utcYear(t: number): number | undefined {
  if (Number.isSafeInteger(t)) {
    const year = civilFromDays(Math.floor(t / 86400)).year;
    return yearFitsTm(year) ? year : undefined;
  }
  return offtime(BigInt(t), 0)?.year;
}

/** The offset at instant `t` (glibc __tz_compute), or undefined when t's year overflows. */
export function posixOffset(zone: PosixZone, t: number): OffsetSpan | undefined {
  const year = utcYear(t);
  if (year === undefined) return undefined;
  if (!zone.start || !zone.end) return { offset: zone.stdOffset, from: -Infinity, until: Infinity };
  const start = changeInstant(zone.start, year, zone.stdOffset);
  const end = changeInstant(zone.end, year, zone.dstOffset);
  const isDst = start > end ? t < end || t >= start : t >= start && t < end;
  // The answer holds until the next change or the end of the UTC year (rules are per year).
  let from = daysFromCivil(year, 1, 1) * 86400;
  let until = daysFromCivil(year + 1, 1, 1) * 86400;
  if (start <= t && start > from) from = start;
  if (end <= t && end > from) from = end;
  if (start > t && start < until) until = start;
  if (end > t && end < until) until = end;
  return { offset: isDst ? zone.dstOffset : zone.stdOffset, from, until };
}
