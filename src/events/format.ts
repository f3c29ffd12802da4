// One event as `svtui events` prints it: `2026-11-30 14:00:59.123  web  check-failed  text`, the
// time in the zone given (a right/ zone shows a leap second as :60), the service padded to the
// widest name named, the kind to the longest kind. Control characters in names and texts become
// `?`: an event's text can hold a probe's output. Pure: the zone comes in.
import { EVENT_KINDS } from '../health/event.js';
import { printable } from '../screen/format.js';
import { displayColumns } from '../screen/hscroll.js';
import { formatSecondsPrefix, localTime } from '../time/local-time.js';
import type { Zone } from '../time/zone.js';
import type { NamedLine } from './merge.js';

export const KIND_WIDTH = Math.max(...EVENT_KINDS.map((k) => k.length));

export function formatEventLine(line: NamedLine, zone: Zone, nameWidth: number): string {
  const name = printable(line.name);
  const pad = ' '.repeat(Math.max(0, nameWidth - displayColumns(name)));
  const kind = line.event.kind.padEnd(KIND_WIDTH);
  return `${formatTime(line.event.time, zone)}  ${name}${pad}  ${kind}  ${printable(line.event.text)}`;
}

/** `Y-MM-DD HH:MM:SS.mmm` in `zone`; the stored text itself when it is not a time. */
export function formatTime(iso: string, zone: Zone): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return printable(iso);
  const seconds = Math.floor(ms / 1000);
  const local = localTime(seconds, zone);
  if (!local) return printable(iso);
  return `${formatSecondsPrefix(local)}${String(ms - seconds * 1000).padStart(3, '0')}`;
}

/** The width of the service column: the widest of the names given. */
export function nameWidth(names: readonly string[]): number {
  return Math.max(0, ...names.map((n) => displayColumns(printable(n))));
}
