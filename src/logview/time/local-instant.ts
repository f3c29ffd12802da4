// The other way round from localtime: a wall-clock reading in a zone → the instant it names, in
// the time scale of the zone's lookup (labels' Unix-ish seconds; a `right/` zone counts leap
// seconds). Pure. A reading that happens twice (the hour repeated when clocks go back) names its
// first occurrence; one that never happens (the hour skipped when clocks go forward) names the
// instant the clocks jumped, the first one at or after it on the wall.
import { daysFromCivil } from '../../time/civil.js';
import type { Zone } from '../../time/zone.js';

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall reading as seconds counted as if the zone were UTC. */
export function wallSeconds(t: WallTime): number {
  return daysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

/** The instant (zone's scale, seconds) whose local reading in `zone` is `wall`. */
export function instantOfWall(wall: number, zone: Zone): number {
  const offsetAt = (t: number) => zone.lookup(t)?.offset ?? 0;
  // Offsets in force around the reading: any solution uses one of them.
  const offsets = new Set([
    offsetAt(wall),
    offsetAt(wall - 86400),
    offsetAt(wall + 86400),
    offsetAt(wall - offsetAt(wall)),
  ]);
  let best: number | undefined;
  for (const offset of offsets) {
    const t = wall - offset;
    if (t + offsetAt(t) === wall && (best === undefined || t < best)) best = t;
  }
  if (best !== undefined) return best;
  // A skipped reading: the clocks jumped over it. The instant read with the earlier (smaller)
  // offset lies past the jump; its lookup says where the new offset began.
  const before = Math.min(...offsets);
  const t = wall - before;
  return zone.lookup(t)?.from ?? t;
}

/** The wall reading of instant `t` in `zone` (seconds counted as if the zone were UTC). */
export function wallOfInstant(t: number, zone: Zone): number {
  return t + (zone.lookup(t)?.offset ?? 0);
}
