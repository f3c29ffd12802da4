// The zones `z` cycles through: the process TZ (or the system zone), UTC, then each --tz zone,
// without repeats. Unknown names fall back to UTC with the time module's one-line warning.
import { resolveZone, zoneFromEnv, type Zone } from '../time/zone.js';

export interface ZoneList {
  zones: Zone[];
  warnings: string[];
}

export function zoneList(extra: readonly string[], env: NodeJS.ProcessEnv = process.env): ZoneList {
  const warnings: string[] = [];
  const zones: Zone[] = [];
  const add = (resolved: { zone: Zone; warning?: string }) => {
    if (resolved.warning) warnings.push(resolved.warning);
    if (!zones.some((z) => z.name === resolved.zone.name)) zones.push(resolved.zone);
  };
  add(zoneFromEnv(env));
  add(resolveZone('UTC', env));
  for (const name of extra) add(resolveZone(name, env));
  return { zones, warnings };
}
