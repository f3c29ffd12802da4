// The zones `z` cycles through: the process TZ (or the system zone), UTC, then each --tz zone,
// without repeats. An unknown TZ falls back to UTC with the time module's one-line warning; an
// unknown --tz name is reported back (the operator typed it: a usage error).
import { resolveZone, UTC_ZONE, zoneFromEnv, type ResolvedZone, type Zone } from '../time/zone.js';

export interface ZoneList {
  zones: Zone[];
  warnings: string[];
  /** --tz names that resolve to nothing at all: a usage error, not a fallback to UTC. */
  unknown: string[];
}

export function zoneList(extra: readonly string[], env: NodeJS.ProcessEnv = process.env): ZoneList {
  const warnings: string[] = [];
  const unknown: string[] = [];
  const zones: Zone[] = [];
  const add = (resolved: ResolvedZone) => {
    if (resolved.warning) warnings.push(resolved.warning.text);
    const name = resolved.zone.name;
    const same = (z: Zone) => z.name === name || (isUtcAlias(z.name) && isUtcAlias(name));
    if (!zones.some(same)) zones.push(resolved.zone);
  };
  const fromEnv = zoneFromEnv(env);
  if (fromEnv.warning?.code === 'unknown-zone') {
    // Times are UTC then: say so where the zone is shown, naming the TZ that was not understood,
    // and do not offer UTC twice under two names.
    add({
      zone: { name: unknownTzName(env.TZ ?? ''), lookup: UTC_ZONE.lookup },
      warning: fromEnv.warning,
    });
  } else {
    add(fromEnv);
    add(resolveZone('UTC', env));
  }
  for (const name of extra) {
    const resolved = resolveZone(name, env);
    if (resolved.warning?.code === 'unknown-zone') unknown.push(name);
    else add(resolved);
  }
  return { zones, warnings, unknown };
}

/**
 * The zoneinfo names of plain UTC (no leap seconds: `right/UTC` is another clock). The system zone
 * is often `Etc/UTC`; offering `UTC` after it would make `z` switch to the same times.
 */
const UTC_ALIASES = new Set(
  ['UTC', 'UCT', 'Universal', 'Zulu', 'GMT', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich'].flatMap((n) => [
    n,
    `Etc/${n}`,
  ]),
);

function isUtcAlias(name: string): boolean {
  return UTC_ALIASES.has(name);
}

/** `UTC (TZ Bogus/Zone unknown)`: short, printable, whatever TZ holds. */
export function unknownTzName(tz: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = tz.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  const shown = clean.length > 20 ? `${clean.slice(0, 19)}…` : clean;
  return `UTC (TZ ${shown} unknown)`;
}
