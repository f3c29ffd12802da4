// Time zones as glibc's tzset reads TZ: unset → /etc/localtime; empty → UTC; a leading `:` is
// dropped; a name (or absolute path) of a zoneinfo file, `right/` ones counting leap seconds;
// else a POSIX TZ string; else UTC — which svtui, unlike glibc, announces with one warning.
// Where the zoneinfo file is missing but the JavaScript runtime knows the name, its Intl rules
// stand in (again with a warning), so the console still shows the zone the operator asked for.
// Callers resolve once and keep the Zone: resolving reads a file.
import {
  lookupRules,
  rulesFromPosix,
  rulesFromTzif,
  UTC_RULES,
  withLeaps,
  type ZoneLookup,
  type ZoneRules,
} from './rules.js';
import { builtinLeapRecords } from './leap-table.js';
import { intlLookup } from './intl-zone.js';
import { parsePosixTz } from './posix-tz.js';
import { parseTzif } from './tzif.js';
import { readZoneFile, SYSTEM_ZONE_FILE, systemZoneName, zoneFilePath } from './zoneinfo-file.js';

export type { ZoneLookup } from './rules.js';

/** A resolved zone. Others use `name` and pass the zone to decode.ts; the rest is internal. */
export interface Zone {
  readonly name: string;
  /** localtime's offset and leap-second state at Unix-ish second `t`; undefined: no such time. */
  lookup(t: number): ZoneLookup | undefined;
}

/**
 * Why a zone is not what was asked for, for callers to decide on (`code`) and to print (`text`):
 * `unknown-zone`: neither a zoneinfo file, a POSIX TZ string nor a name the runtime knows, so
 * UTC stands in, as in the C library; `runtime-rules`: no zoneinfo file, the JavaScript
 * runtime's rules stand in.
 */
export interface ZoneWarning {
  code: 'unknown-zone' | 'runtime-rules';
  text: string;
}

export interface ResolvedZone {
  zone: Zone;
  warning?: ZoneWarning;
}

function makeZone(name: string, rules: ZoneRules): Zone {
  return { name, lookup: (t) => lookupRules(rules, t) };
}

export const UTC_ZONE: Zone = makeZone('UTC', UTC_RULES);

const UTC_NAMES = new Set(['UTC', 'GMT', 'UCT', 'Universal', 'Zulu', 'Etc/UTC', 'Etc/GMT']);

/** The rules in a zoneinfo file, or undefined when it is missing or not TZif. */
function rulesFromFile(path: string): ZoneRules | undefined {
  const bytes = readZoneFile(path);
  const tzif = bytes && parseTzif(bytes);
  return tzif ? rulesFromTzif(tzif) : undefined;
}

/** A `right/NAME` zone without its file: NAME's rules plus the built-in leap-second table. */
function rightFallback(name: string, env: NodeJS.ProcessEnv): ZoneRules | undefined {
  if (!name.startsWith('right/')) return undefined;
  const base = name.slice('right/'.length);
  const rules = UTC_NAMES.has(base) ? UTC_RULES : rulesFromFile(zoneFilePath(base, env));
  return rules && withLeaps(rules, builtinLeapRecords());
}

/**
 * Resolve a TZ value (undefined = TZ unset: the system zone). Never fails: what glibc cannot
 * read becomes UTC, with a one-line `warning` to print.
 */
export function resolveZone(
  name: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedZone {
  if (name === undefined) {
    const rules = rulesFromFile(SYSTEM_ZONE_FILE);
    return { zone: rules ? makeZone(systemZoneName(), rules) : UTC_ZONE };
  }
  const bare = name.startsWith(':') ? name.slice(1) : name;
  if (bare === '') return { zone: UTC_ZONE };
  const rules = rulesFromFile(zoneFilePath(bare, env)) ?? rightFallback(bare, env);
  if (rules) return { zone: makeZone(bare, rules) };
  const posix = parsePosixTz(bare);
  if (posix) return { zone: makeZone(bare, rulesFromPosix(posix)) };
  if (UTC_NAMES.has(bare)) return { zone: makeZone(bare, UTC_RULES) };
  const right = bare.startsWith('right/');
  const intl = intlLookup(
    right ? bare.slice('right/'.length) : bare,
    right ? builtinLeapRecords() : [],
  );
  if (intl) {
    return {
      zone: { name: bare, lookup: intl },
      warning: {
        code: 'runtime-rules',
        text: `no zoneinfo file for ${JSON.stringify(name)}: using the JavaScript runtime's rules (the C library would use UTC)`,
      },
    };
  }
  return {
    zone: makeZone(bare, UTC_RULES),
    warning: {
      code: 'unknown-zone',
      text: `unknown time zone ${JSON.stringify(name)}: using UTC, as the C library does`,
    },
  };
}

/** The zone the environment selects: `TZ`, or the system zone when TZ is unset. */
export function zoneFromEnv(env: NodeJS.ProcessEnv = process.env): ResolvedZone {
  return resolveZone(env.TZ, env);
}
