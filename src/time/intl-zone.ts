// Zones from the JavaScript runtime's ICU data, for a machine without the zoneinfo file glibc
// would read. Intl answers for years −271820 … 275759; beyond that the offset of the nearest
// instant Intl can represent is used. Intl.DateTimeFormat directly rather than date-fns-tz:
// importing date-fns-tz costs ~130 ms of start-up here, and its offset for year 1 is wrong.
import { daysFromCivil } from './civil.js';
import { applyLeaps, leapArrays } from './rules.js';
import type { LeapRecord } from './tzif.js';
import type { ZoneLookup } from './rules.js';

const MAX_MS = 8.64e15;

/** A lookup function for IANA zone `name`, or undefined when Intl does not know it. */
export function intlLookup(
  name: string,
  leaps: LeapRecord[] = [],
): ((t: number) => ZoneLookup) | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  const offsetAt = (utc: number): number => {
    const seconds = Math.min(Math.max(utc, -MAX_MS / 1000), MAX_MS / 1000 - 1);
    const fields: Record<string, string> = {};
    for (const part of format.formatToParts(seconds * 1000)) fields[part.type] = part.value;
    const year = Number(fields.year);
    const local =
      daysFromCivil(
        fields.era === 'BC' ? 1 - year : year,
        Number(fields.month),
        Number(fields.day),
      ) *
        86400 +
      Number(fields.hour) * 3600 +
      Number(fields.minute) * 60 +
      Number(fields.second);
    return local - Math.floor(seconds);
  };
  const leapRules = leapArrays(leaps);
  return (t) => {
    // Leap-corrected (right/) clocks: look the offset up at the UTC instant the label means.
    const first = applyLeaps(leapRules, t, 0, t, t + 1);
    const found = applyLeaps(leapRules, t, offsetAt(t + first.offset), t, t + 1);
    return found;
  };
}
