import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../src/time/decode.js';
import { resolveZone, type Zone } from '../../src/time/zone.js';
import { instantOfWall, wallSeconds } from '../../src/logview/time/local-instant.js';
import { parseJumpTime } from '../../src/logview/time/parse-time.js';

const zone = (name: string): Zone => resolveZone(name).zone;
const paris = zone('Europe/Paris');
const rightParis = zone('right/Europe/Paris');
const utc = zone('UTC');

/** The instant a jump text names, shown back in the zone as tai64nlocal would. */
function shown(text: string, z: Zone, now: number): string {
  const parsed = parseJumpTime(text, z, now);
  if ('error' in parsed) throw new Error(parsed.error);
  return formatInstant(
    { seconds: BigInt(parsed.time.seconds), nanoseconds: parsed.time.nanoseconds },
    z,
  );
}

const wall = (y: number, mo: number, d: number, h: number, mi: number, s = 0) =>
  wallSeconds({ year: y, month: mo, day: d, hour: h, minute: mi, second: s });

// 2026-11-30 15:00:00 UTC
const NOW = wall(2026, 11, 30, 15, 0);

describe('instantOfWall', () => {
  it('reads a wall time in an ordinary hour', () => {
    expect(instantOfWall(wall(2026, 7, 1, 12, 0), paris)).toBe(wall(2026, 7, 1, 10, 0));
    expect(instantOfWall(wall(2026, 1, 1, 12, 0), paris)).toBe(wall(2026, 1, 1, 11, 0));
  });
  it('takes the first of a repeated hour (clocks go back)', () => {
    // 2026-10-25 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    expect(instantOfWall(wall(2026, 10, 25, 2, 30), paris)).toBe(wall(2026, 10, 25, 0, 30));
  });
  it('lands on the jump for a skipped hour (clocks go forward)', () => {
    // 2026-03-29 02:30 never happens: at 01:00 UTC the wall went from 02:00 to 03:00.
    expect(instantOfWall(wall(2026, 3, 29, 2, 30), paris)).toBe(wall(2026, 3, 29, 1, 0));
  });
  it('counts leap seconds in a right/ zone', () => {
    // right/ clocks are 27 s ahead of the Unix count since 2017.
    expect(instantOfWall(wall(2026, 1, 1, 12, 0), rightParis)).toBe(wall(2026, 1, 1, 11, 0) + 27);
  });
});

describe('parseJumpTime', () => {
  it('reads a full date and time in the zone', () => {
    expect(shown('2013-03-18 19:08:40', paris, NOW)).toBe('2013-03-18 19:08:40.000000000');
    expect(shown('2013-03-18T19:08:40.5', utc, NOW)).toBe('2013-03-18 19:08:40.500000000');
    expect(shown('2013-03-18', paris, NOW)).toBe('2013-03-18 00:00:00.000000000');
  });
  it('reads a right/ zone as the labels count it', () => {
    expect(shown('2013-03-18 19:08:40', rightParis, NOW)).toBe('2013-03-18 19:08:40.000000000');
    const plain = parseJumpTime('2013-03-18 19:08:40', paris, NOW);
    const right = parseJumpTime('2013-03-18 19:08:40', rightParis, NOW);
    if ('error' in plain || 'error' in right) throw new Error('parse');
    expect(right.time.seconds - plain.time.seconds).toBe(25); // leap seconds by 2013
  });
  it('takes a bare time of day as the latest one that is not in the future', () => {
    // Now is 16:00 in Paris.
    expect(shown('15:30', paris, NOW)).toBe('2026-11-30 15:30:00.000000000');
    expect(shown('19:08', paris, NOW)).toBe('2026-11-29 19:08:00.000000000');
  });
  it('reads yesterday and today', () => {
    expect(shown('yesterday 14:00', paris, NOW)).toBe('2026-11-29 14:00:00.000000000');
    expect(shown('today', paris, NOW)).toBe('2026-11-30 00:00:00.000000000');
    expect(shown('Yesterday', utc, NOW)).toBe('2026-11-29 00:00:00.000000000');
  });
  it('reads yesterday across a change of clocks as the calendar day before', () => {
    const afterChange = wall(2026, 3, 29, 10, 0); // 12:00 CEST
    expect(shown('yesterday 12:00', paris, afterChange)).toBe('2026-03-28 12:00:00.000000000');
  });
  it('counts relative times from now', () => {
    expect(shown('-1h', utc, NOW)).toBe('2026-11-30 14:00:00.000000000');
    expect(shown('-10m', utc, NOW)).toBe('2026-11-30 14:50:00.000000000');
    expect(shown('-1h30m', utc, NOW)).toBe('2026-11-30 13:30:00.000000000');
    expect(shown('-2d', paris, NOW)).toBe('2026-11-28 16:00:00.000000000');
  });
  it('takes a label as written', () => {
    expect(shown('@400000005147664200000000', utc, NOW)).toBe('2013-03-18 19:08:40.000000000');
  });
  it('says what it cannot read', () => {
    expect(parseJumpTime('soon', utc, NOW)).toMatchObject({
      error: expect.stringMatching(/^not a time: "soon"/),
    });
    expect(parseJumpTime('25:00', utc, NOW)).toMatchObject({
      error: expect.stringMatching(/no such time/),
    });
    expect(parseJumpTime('2013-13-01', utc, NOW)).toMatchObject({
      error: expect.stringMatching(/no such date/),
    });
  });
});
