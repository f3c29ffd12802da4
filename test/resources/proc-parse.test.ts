// Unit tests of src/resources/proc-parse.ts on lines as the kernel writes them.
import { describe, expect, it } from 'vitest';
import { parseAuxv, parseSmapsRollupPss, parseStat } from '../../src/resources/proc-parse.js';

const line = (comm: string) =>
  `4242 (${comm}) S 4200 4242 4242 0 -1 4194560 120 0 0 0 37 12 0 0 20 0 3 0 260327 ` +
  '3133440 359 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n';

describe('parseStat', () => {
  it('reads ppid, session, ticks, threads, start time and resident pages', () => {
    expect(parseStat(Buffer.from(line('sleep')))).toEqual({
      pid: 4242,
      ppid: 4200,
      sid: 4242,
      ticks: 49,
      threads: 3,
      starttime: 260327,
      rssPages: 359,
    });
  });

  it('counts fields from the last parenthesis: a name may hold spaces and ")"', () => {
    expect(parseStat(Buffer.from(line('a) b (c) 1 2')))?.ppid).toBe(4200);
  });

  it('reads only the bytes given and refuses a cut line', () => {
    const bytes = Buffer.alloc(4096);
    const n = bytes.write(line('x') + 'garbage after the length');
    expect(parseStat(bytes, n - 'garbage after the length'.length)?.rssPages).toBe(359);
    expect(parseStat(Buffer.from(line('x').slice(0, 60)))).toBeUndefined();
    expect(parseStat(Buffer.from('no parenthesis at all'))).toBeUndefined();
  });
});

describe('parseSmapsRollupPss', () => {
  const rollup =
    '556ed6214000-7ffd80c7e000 ---p 00000000 00:00 0                          [rollup]\n' +
    'Rss:                1756 kB\nPss:                 377 kB\nPss_Dirty:           112 kB\n';
  it('finds the Pss line, not Pss_Dirty', () => {
    expect(parseSmapsRollupPss(Buffer.from(rollup))).toBe(377);
    expect(parseSmapsRollupPss(Buffer.from(rollup.replace('Pss: ', 'Qss: ')))).toBeUndefined();
  });
});

describe('parseAuxv', () => {
  it('reads AT_CLKTCK and AT_PAGESZ up to AT_NULL', () => {
    const words = [6n, 4096n, 17n, 100n, 0n, 0n, 17n, 1n];
    const bytes = Buffer.alloc(words.length * 8);
    words.forEach((w, i) => bytes.writeBigUInt64LE(w, i * 8));
    expect(parseAuxv(bytes)).toEqual({ clockTicks: 100, pageSize: 4096 });
  });
});
