// Decoding one line as daemontools' tai64nlocal does, for callers holding strings (the console's
// log pane). The streaming command uses stream-decoder.ts, which does the same on Buffers.
import type { Tai64nTime } from '../codec/tai64n.js';
import { formatLabel } from '../codec/tai64n.js';
import { scanLabel } from './label-scan.js';
import { formatNanoseconds, formatSecondsPrefix, localTime } from './local-time.js';
import type { Zone } from './zone.js';

/**
 * `line` (without its newline) as tai64nlocal prints it in `zone`: a label at its start becomes
 * `Y-MM-DD HH:MM:SS.nnnnnnnnn`; the rest follows unchanged. A label running to the end of the
 * line is decoded as if the newline followed. Lines without a convertible label (where the real
 * tool would crash: uppercase, short, long, out-of-range labels) are returned unchanged.
 */
export function decodeLabelLine(line: string, zone: Zone): string {
  const label = scanLabel(line);
  if (!label) return line;
  const fields = localTime(label.seconds, zone);
  if (!fields) return line;
  return formatSecondsPrefix(fields) + formatNanoseconds(label.nanoseconds) + line.slice(label.end);
}

/**
 * `YYYY-MM-DD HH:MM:SS.nnnnnnnnn` for an instant in `zone`, as tai64nlocal prints its label; the
 * label itself (`@…`) when the C library could not represent the date.
 */
export function formatInstant(time: Tai64nTime, zone: Zone): string {
  const fields = localTime(time.seconds, zone);
  if (!fields) return formatLabel(time);
  return formatSecondsPrefix(fields) + formatNanoseconds(time.nanoseconds);
}
