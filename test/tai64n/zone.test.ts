// Zones as glibc reads TZ: the resolution rules, the TZif and POSIX-string parsers, and the
// built-in leap-second table against the installed right/UTC file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveZone, zoneFromEnv } from '../../src/time/zone.js';
import { parsePosixTz, posixOffset } from '../../src/time/posix-tz.js';
import { parseTzif } from '../../src/time/tzif.js';
import { builtinLeapRecords } from '../../src/time/leap-table.js';
import { decodeLabelLine } from '../../src/time/decode.js';

const V1 = '@400000005147c8cb14bac91c x';
const show = (tz: string | undefined) => decodeLabelLine(V1, resolveZone(tz).zone);

describe('resolveZone', () => {
  it('reads IANA names, a leading colon, absolute paths and right/ zones', () => {
    expect(show('Asia/Kolkata')).toBe('2013-03-19 07:39:05.347785500 x');
    expect(show(':Asia/Kolkata')).toBe('2013-03-19 07:39:05.347785500 x');
    expect(show('/usr/share/zoneinfo/Asia/Tokyo')).toBe('2013-03-19 11:09:05.347785500 x');
    expect(show('right/UTC')).toBe('2013-03-19 02:08:40.347785500 x');
  });
  it('takes POSIX strings where no file has the name', () => {
    expect(show('JST-9')).toBe('2013-03-19 11:09:05.347785500 x');
    expect(show('<+0330>-3:30')).toBe('2013-03-19 05:39:05.347785500 x');
    expect(show('UTC0')).toBe('2013-03-19 02:09:05.347785500 x');
    expect(resolveZone('JST-9').warning).toBeUndefined();
  });
  it('falls back to UTC with one warning for what glibc cannot read', () => {
    const r = resolveZone('Mars/Olympus');
    expect(decodeLabelLine(V1, r.zone)).toBe('2013-03-19 02:09:05.347785500 x');
    expect(r.warning?.code).toBe('unknown-zone');
    expect(r.warning?.text).toMatch(/Mars\/Olympus.*UTC/);
    expect(r.zone.name).toBe('Mars/Olympus');
  });
  it('treats an empty TZ as UTC and an unset one as the system zone', () => {
    expect(show('')).toBe('2013-03-19 02:09:05.347785500 x');
    expect(resolveZone('').warning).toBeUndefined();
    expect(zoneFromEnv({}).zone.name).not.toBe('');
    expect(zoneFromEnv({ TZ: 'Asia/Kolkata' }).zone.name).toBe('Asia/Kolkata');
  });
  it('uses the built-in leap table for a right/ zone whose file is missing', () => {
    const env = { TZDIR: '/nonexistent' };
    const r = resolveZone('right/UTC', env);
    expect(r.warning).toBeUndefined();
    expect(decodeLabelLine('@40000000586846a400000000 leap', r.zone)).toBe(
      '2016-12-31 23:59:60.000000000 leap',
    );
  });
});

describe('without zoneinfo files', () => {
  const env = { TZDIR: '/nonexistent' };
  it("uses the runtime's Intl rules, with a warning, and still counts leap seconds", () => {
    const kolkata = resolveZone('Asia/Kolkata', env);
    expect(kolkata.warning?.code).toBe('runtime-rules');
    expect(kolkata.warning?.text).toMatch(/no zoneinfo file for "Asia\/Kolkata"/);
    expect(decodeLabelLine(V1, kolkata.zone)).toBe('2013-03-19 07:39:05.347785500 x');
    const pacific = resolveZone('right/US/Pacific', env).zone;
    expect(decodeLabelLine(V1, pacific)).toBe('2013-03-18 19:08:40.347785500 x');
    expect(decodeLabelLine('@40000000586846a400000000 leap', pacific)).toBe(
      '2016-12-31 15:59:60.000000000 leap',
    );
  });
  it('agrees with the zoneinfo file on local mean time in year 1', () => {
    const line = '@3ffffff1886e090a00000000 c';
    expect(decodeLabelLine(line, resolveZone('America/New_York', env).zone)).toBe(
      decodeLabelLine(line, resolveZone('America/New_York').zone),
    );
  });
});

describe('POSIX TZ strings', () => {
  it('parses names, offsets and rules', () => {
    expect(parsePosixTz('EST5EDT,M3.2.0,M11.1.0')).toEqual({
      stdOffset: -18000,
      dstOffset: -14400,
      start: { kind: 'M', month: 3, week: 2, day: 0, seconds: 7200 },
      end: { kind: 'M', month: 11, week: 1, day: 0, seconds: 7200 },
    });
    expect(parsePosixTz('<-03>3')).toEqual({ stdOffset: -10800, dstOffset: -10800 });
    expect(parsePosixTz('IST-5:30')).toEqual({ stdOffset: 19800, dstOffset: 19800 });
    expect(parsePosixTz('Foo/Bar')).toBeUndefined();
    expect(parsePosixTz('UTC')).toBeUndefined();
  });
  it('switches at the rule instants', () => {
    const ny = parsePosixTz('EST5EDT,M3.2.0,M11.1.0')!;
    // 2024-03-10 07:00 UTC is 02:00 EST: daylight time starts.
    expect(posixOffset(ny, 1710054000 - 1)!.offset).toBe(-18000);
    expect(posixOffset(ny, 1710054000)!.offset).toBe(-14400);
    const span = posixOffset(ny, 1710054000)!;
    expect(span.from).toBe(1710054000);
    expect(span.until).toBe(1730613600); // 2024-11-03 06:00 UTC
  });
});

describe('TZif', () => {
  it('reads transitions, types, footer and leap records', () => {
    const ny = parseTzif(readFileSync('/usr/share/zoneinfo/America/New_York'))!;
    expect(ny.footer).toBe('EST5EDT,M3.2.0,M11.1.0');
    expect(ny.types.some((t) => t.offset === -17762)).toBe(true); // LMT -4:56:02
    const right = parseTzif(readFileSync('/usr/share/zoneinfo/right/UTC'))!;
    expect(right.leaps).toEqual(builtinLeapRecords());
  });
  it('rejects what is not TZif', () => {
    expect(
      parseTzif(Buffer.from('not a zone file at all, not at all, not at all')),
    ).toBeUndefined();
  });
});
