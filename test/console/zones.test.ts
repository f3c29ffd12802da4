// The zone the console shows is the zone its times are in: a TZ nobody knows means UTC, and the
// header says so instead of naming the unknown zone as if it were used.
import { describe, expect, it } from 'vitest';
import { unknownTzName, zoneList } from '../../src/console/zones.js';
import { decodeLabelLine } from '../../src/time/decode.js';

describe('zoneList', () => {
  it('an unknown TZ: shown as UTC naming the TZ, offered once, with one warning', () => {
    const { zones, warnings } = zoneList([], { TZ: 'Bogus/Zone' });
    expect(zones.map((z) => z.name)).toEqual(['UTC (TZ Bogus/Zone unknown)']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('using UTC');
    const label = '@4000000069230e4d00000000 hello';
    expect(decodeLabelLine(label, zones[0]!)).toBe(
      decodeLabelLine(label, zoneList([], { TZ: 'UTC' }).zones[0]!),
    );
  });
  it('a known TZ keeps its name, then UTC, then --tz zones', () => {
    const { zones, warnings } = zoneList(['Asia/Tokyo'], { TZ: 'Europe/Paris' });
    expect(zones.map((z) => z.name)).toEqual(['Europe/Paris', 'UTC', 'Asia/Tokyo']);
    expect(warnings).toEqual([]);
  });
  it('a long or unprintable TZ stays short and printable', () => {
    const name = unknownTzName(`Nowhere/${'x'.repeat(60)}\x1b]0;X\x07`);
    expect(name.length).toBeLessThanOrEqual(40);
    expect([...name].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
  });
});

describe('zoneList without repeats', () => {
  it('a system zone of Etc/UTC is not followed by UTC: z would change nothing', () => {
    expect(zoneList([], { TZ: 'Etc/UTC' }).zones.map((z) => z.name)).toEqual(['Etc/UTC']);
    expect(zoneList(['UTC', 'Asia/Tokyo'], { TZ: 'Etc/UTC' }).zones.map((z) => z.name)).toEqual([
      'Etc/UTC',
      'Asia/Tokyo',
    ]);
  });
  it('right/UTC counts leap seconds: it is another clock and stays', () => {
    expect(zoneList([], { TZ: 'right/UTC' }).zones.map((z) => z.name)).toEqual([
      'right/UTC',
      'UTC',
    ]);
  });
});
