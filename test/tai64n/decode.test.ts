// Unit tests of the pure decoding: spec vectors through decodeLabelLine and the stream decoder
// (fed whole and in every chunk size), formatInstant, and the calendar edge cases.
import { describe, expect, it } from 'vitest';
import { formatInstant, decodeLabelLine } from '../../src/time/decode.js';
import { streamDecode } from './stream.js';
import { MAX_LABEL_DIGITS } from '../../src/time/stream-decoder.js';
import { resolveZone } from '../../src/time/zone.js';
import { civilFromDays, daemontoolsYear, daysFromCivil, offtime } from '../../src/time/civil.js';
import { vectors } from './vectors.js';

const zone = (name: string) => resolveZone(name).zone;

describe('decodeLabelLine', () => {
  for (const v of vectors.filter(
    (x) => !x.input.slice(0, -1).includes('\n') && x.input.endsWith('\n'),
  )) {
    it(`${v.id} (${v.tz})`, () => {
      expect(decodeLabelLine(v.input.slice(0, -1), zone(v.tz))).toBe(v.svtui.replace(/\n$/, ''));
    });
  }
  it('decodes a label that ends the line as if the newline followed', () => {
    expect(decodeLabelLine('@400000005147c8cb14bac91c', zone('UTC'))).toBe(
      '2013-03-19 02:09:05.347785500',
    );
  });
  it('leaves other lines alone', () => {
    for (const line of ['', 'plain', ' @400000005147c8cb14bac91c', '@', '@zz'])
      expect(decodeLabelLine(line, zone('UTC'))).toBe(line);
  });
});

describe('LabelStreamDecoder', () => {
  for (const v of vectors) {
    it(`${v.id} (${v.tz}) in every chunk size`, () => {
      const input = Buffer.from(v.input, 'latin1');
      for (const chunk of [1, 2, 3, 7, 25, 26, 27, 64, 4096]) {
        expect(streamDecode(input, v.tz, chunk).toString('latin1'), `chunk ${chunk}`).toBe(v.svtui);
      }
    });
  }
  it('keeps every line of a mixed stream, whatever the chunking', () => {
    const input = Buffer.from(
      vectors.map((v) => v.input.replace(/([^\n])$/, '$1\n')).join(''),
      'latin1',
    );
    const whole = streamDecode(input, 'UTC');
    for (const chunk of [1, 5, 13, 31, 100])
      expect(streamDecode(input, 'UTC', chunk)).toEqual(whole);
    expect(whole.toString('latin1').split('\n').length).toBe(
      input.toString('latin1').split('\n').length,
    );
  });
  it('passes binary bytes and megabyte lines through', () => {
    const long = Buffer.alloc(3 << 20, 0x61);
    const binary = Buffer.from([0x40, 0x00, 0xff, 0x0a, 0x00, 0x80, 0x0a]);
    const label = Buffer.from('@400000005147c8cb14bac91c ');
    const input = Buffer.concat([label, long, Buffer.from('\n'), binary, label, binary]);
    const out = streamDecode(input, 'UTC', 1 << 16);
    const head = Buffer.from('2013-03-19 02:09:05.347785500 ');
    const expected = Buffer.concat([head, long, Buffer.from('\n'), binary, head, binary]);
    expect(out.equals(expected)).toBe(true);
  });
  it('decodes a hex run longer than a chunk (leading zeros) and passes a long bad one through', () => {
    const good = `@${'0'.repeat(100)}400000005147c8cb14bac91c x\n`;
    const bad = `@${'f'.repeat(100)} y\n`;
    const out = streamDecode(Buffer.from(good + bad), 'UTC', 16).toString();
    expect(out).toBe(`2013-03-19 02:09:05.347785500 x\n${bad}`);
  });
});

describe('bounded memory', () => {
  it('passes a hex run longer than MAX_LABEL_DIGITS through instead of holding it', () => {
    const run = '0'.repeat(MAX_LABEL_DIGITS + 5000) + '400000005147c8cb14bac91c';
    const input = Buffer.from(`@${run} x\n@400000005147c8cb14bac91c y\n`);
    const out = streamDecode(input, 'UTC', 1 << 16).toString();
    expect(out).toBe(`@${run} x\n2013-03-19 02:09:05.347785500 y\n`);
  });
});

describe('formatInstant', () => {
  it('formats in the zone, leap seconds included', () => {
    const t = { seconds: 1363658945n - 10n + 10n, nanoseconds: 347785500 };
    expect(formatInstant(t, zone('UTC'))).toBe('2013-03-19 02:09:05.347785500');
    expect(formatInstant(t, zone('Asia/Kathmandu'))).toBe('2013-03-19 07:54:05.347785500');
    expect(formatInstant({ seconds: 1483228800n + 26n, nanoseconds: 0 }, zone('right/UTC'))).toBe(
      '2016-12-31 23:59:60.000000000',
    );
  });
  it('falls back to the label where the C library has no date', () => {
    expect(formatInstant({ seconds: -(2n ** 62n), nanoseconds: 0 }, zone('UTC'))).toMatch(/^@/);
  });
});

describe('calendar', () => {
  it('round-trips days and dates, proleptic Gregorian', () => {
    for (const days of [-719528, -719162, -1, 0, 1, 11016, 59, 60, 2932896, -2e9, 7.8e11]) {
      const d = civilFromDays(days);
      expect(daysFromCivil(d.year, d.month, d.day)).toBe(days);
    }
    expect(civilFromDays(-719162)).toEqual({ year: 1, month: 1, day: 1 });
    expect(civilFromDays(-719163)).toEqual({ year: 0, month: 12, day: 31 });
  });
  it('prints years as daemontools does', () => {
    expect(daemontoolsYear(1)).toBe('1');
    expect(daemontoolsYear(0)).toBe('0');
    expect(daemontoolsYear(-1)).toBe('18446744073709551615');
    expect(daemontoolsYear(2 ** 31)).toBe(String(2n ** 64n - 2n ** 31n));
  });
  it('fails where tm_year overflows, like glibc', () => {
    expect(offtime(67768036191676799n, 0)).toBeDefined();
    expect(offtime(67768036191676800n, 0)).toBeUndefined();
    expect(offtime(-67768040609740800n, 0)).toBeDefined();
    expect(offtime(-67768040609740801n, 0)).toBeUndefined();
  });
});
