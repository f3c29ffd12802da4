// localtime() as glibc computes it for daemontools' tai64nlocal, and the text tai64nlocal prints
// for it: `Y-MM-DD HH:MM:SS.` + nanoseconds zero-padded to at least 9 digits. Pure.
import { daemontoolsYear, offtime, type BrokenDown } from './civil.js';
import type { Zone } from './zone.js';

/** Unix seconds broken down in `zone` (`:60` inside a right/ zone's leap second), or undefined. */
export function localTime(seconds: number | bigint, zone: Zone): BrokenDown | undefined {
  const found = zone.lookup(Number(seconds));
  if (!found) return undefined;
  const fields = offtime(seconds, found.offset);
  if (fields && found.leapHit) fields.second += found.leapHit;
  return fields;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `Y-MM-DD HH:MM:SS.` exactly as tai64nlocal prints the seconds. */
export function formatSecondsPrefix(t: BrokenDown): string {
  const date = `${daemontoolsYear(t.year)}-${two(t.month)}-${two(t.day)}`;
  return `${date} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}.`;
}

/** The nanosecond field as tai64nlocal prints it: decimal, at least 9 digits. */
export function formatNanoseconds(nanoseconds: number): string {
  return String(nanoseconds).padStart(9, '0');
}
