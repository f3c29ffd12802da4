// The side-effect edge of zone resolution: reading zoneinfo files as glibc finds them
// ($TZDIR or /usr/share/zoneinfo; /etc/localtime when TZ is unset).
import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export const SYSTEM_ZONE_FILE = '/etc/localtime';

/** Where glibc looks for the zone file named by TZ. */
export function zoneFilePath(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return isAbsolute(name) ? name : join(env.TZDIR || '/usr/share/zoneinfo', name);
}

/** The bytes of a zone file, or undefined when it cannot be read. */
export function readZoneFile(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** A readable name for the system zone: /etc/localtime's target below zoneinfo/, else "localtime". */
export function systemZoneName(): string {
  try {
    const target = realpathSync(SYSTEM_ZONE_FILE);
    const at = target.indexOf('/zoneinfo/');
    return at >= 0 ? target.slice(at + '/zoneinfo/'.length) : 'localtime';
  } catch {
    return 'localtime';
  }
}
