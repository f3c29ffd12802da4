// Proleptic Gregorian calendar arithmetic and glibc's __offtime: a count of seconds since the
// epoch plus an offset, broken down into a local date and time. Pure; no clock, no zone data.
// Day counts stay well inside 2^53 for every year glibc accepts, so days are plain numbers; only
// the seconds of labels beyond ±2^53 need a bigint, and those take the slow path here.

export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export interface BrokenDown extends CivilDate {
  hour: number;
  minute: number;
  second: number; // 0..60 (60 only during an inserted leap second)
}

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/** The date `days` days after 1970-01-01 (negative: before). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days from 1970-01-01 to the given date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Whether glibc can represent `year` in a struct tm (tm_year = year − 1900 must fit an int). */
export function yearFitsTm(year: number): boolean {
  const tmYear = year - 1900;
  return tmYear >= INT_MIN && tmYear <= INT_MAX;
}

/**
 * glibc's __offtime: `seconds + offset` broken down, or undefined when the year does not fit a
 * struct tm (localtime returns NULL there, and daemontools' tai64nlocal crashes).
 */
export function offtime(seconds: number | bigint, offset: number): BrokenDown | undefined {
  let days: number;
  let rem: number;
  if (typeof seconds === 'number' && Number.isSafeInteger(seconds)) {
    days = Math.floor(seconds / 86400);
    rem = seconds - days * 86400 + offset;
  } else {
    const s = BigInt(seconds);
    let d = s / 86400n;
    let r = s - d * 86400n;
    if (r < 0n) {
      r += 86400n;
      d -= 1n;
    }
    days = Number(d);
    rem = Number(r) + offset;
  }
  days += Math.floor(rem / 86400);
  rem -= Math.floor(rem / 86400) * 86400;
  const date = civilFromDays(days);
  if (!yearFitsTm(date.year)) return undefined;
  const hour = Math.floor(rem / 3600);
  const minute = Math.floor((rem % 3600) / 60);
  return { ...date, hour, minute, second: rem % 60 };
}

/**
 * The year as daemontools prints it: `1900 + tm_year` in 32-bit int arithmetic, printed as an
 * unsigned 64-bit number (so year −1 prints as 18446744073709551615).
 */
export function daemontoolsYear(year: number): string {
  const wrapped = year | 0;
  return wrapped >= 0 ? String(wrapped) : String(2n ** 64n + BigInt(wrapped));
}
