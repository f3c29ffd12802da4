import { describe, expect, it } from 'vitest';
import { charWidth } from '../../src/logview/char-width.js';
import { cutMarker, sanitizeLine } from '../../src/logview/sanitize.js';

/** Nothing a terminal would act on: no C0 but none at all (tabs are expanded), no DEL, no C1. */
function inert(text: string): boolean {
  return [...text].every((c) => {
    const cp = c.codePointAt(0)!;
    const bidi = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    return cp >= 0x20 && !(cp >= 0x7f && cp <= 0x9f) && !bidi;
  });
}

describe('sanitizeLine: escape sequences are shown, never passed through', () => {
  const cases: Array<[string, string, string]> = [
    ['title + clear screen', '\x1b]0;X\x07\x1b[2J', '^[]0;X^G^[[2J'],
    ['OSC 52 clipboard', '\x1b]52;c;ZWNobyBoaQ==\x07', '^[]52;c;ZWNobyBoaQ==^G'],
    ['OSC 8 link', '\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\', '^[]8;;http://x^[\\link^[]8;;^[\\'],
    ['DCS', '\x1bP1$r0m\x1b\\', '^[P1$r0m^[\\'],
    ['SOS PM APC', '\x1bXa\x1b\\\x1b^b\x1b\\\x1b_c\x1b\\', '^[Xa^[\\^[^b^[\\^[_c^[\\'],
    ['CSI colours', '\x1b[31mred\x1b[0m', '^[[31mred^[[0m'],
    ['C1 CSI as U+009B', '\u009b2J', '\\x9b2J'],
    ['C1 OSC and ST', '\u009d0;t\u009c', '\\x9d0;t\\x9c'],
    ['BEL BS CR NUL', 'a\x07b\x08c\rd\x00', 'a^Gb^Hc^Md^@'],
    ['DEL', 'x\x7fy', 'x^?y'],
    ['bidi override', 'abc\u202edcb', 'abc<U+202E>dcb'],
    ['lone surrogate', 'a\ud800b', 'a\ufffdb'],
  ];
  for (const [name, input, shown] of cases) {
    it(name, () => {
      const out = sanitizeLine(input);
      expect(out).toBe(shown);
      expect(inert(out)).toBe(true);
    });
  }

  it('every code point below U+00A0 except TAB comes out inert', () => {
    let all = '';
    for (let cp = 0; cp < 0xa0; cp++) all += String.fromCharCode(cp);
    expect(inert(sanitizeLine(all))).toBe(true);
  });
});

describe('sanitizeLine: columns', () => {
  it('expands tabs to 8-column stops', () => {
    expect(sanitizeLine('a\tb')).toBe('a       b');
    expect(sanitizeLine('12345678\tx')).toBe('12345678        x');
    expect(sanitizeLine('\t')).toBe(' '.repeat(8));
  });

  it('counts wide characters as two columns and combining marks as none', () => {
    expect(charWidth('日'.codePointAt(0)!)).toBe(2);
    expect(charWidth('😀'.codePointAt(0)!)).toBe(2);
    expect(charWidth(0x301)).toBe(0);
    expect(charWidth('a'.codePointAt(0)!)).toBe(1);
    // After a wide character, the tab stop is computed in columns, not code units.
    expect(sanitizeLine('日\tx')).toBe('日      x');
  });

  it('leaves a line that fits alone', () => {
    expect(sanitizeLine('hello world', { width: 11 })).toBe('hello world');
  });

  it('cuts a long line at the width with the count of bytes not shown', () => {
    const line = 'x'.repeat(90_000);
    const out = sanitizeLine(line, { width: 120 });
    expect([...out].length).toBeLessThanOrEqual(120);
    const match = /^(x+)… \[\+(\d+) bytes\]$/.exec(out);
    expect(match).not.toBeNull();
    expect(match![1]!.length + Number(match![2])).toBe(90_000);
  });

  it('counts UTF-8 bytes, not characters, in the marker', () => {
    const out = sanitizeLine('é'.repeat(100), { width: 40 });
    const match = /^(é+)… \[\+(\d+) bytes\]$/.exec(out)!;
    expect(match[1]!.length * 2 + Number(match[2])).toBe(200);
  });

  it('adds the bytes the reader already cut', () => {
    const line = 'y'.repeat(100) + cutMarker(5000);
    const out = sanitizeLine(line, { width: 60 });
    const match = /^(y+)… \[\+(\d+) bytes\]$/.exec(out)!;
    expect(match[1]!.length + Number(match[2])).toBe(5100);
    expect(sanitizeLine('yyyyyyy' + cutMarker(7, true), { width: 5 })).toBe('yyyy…');
  });

  it('never splits a wide character or an escape replacement at the cut', () => {
    const out = sanitizeLine('日'.repeat(50), { width: 30 });
    expect(out).toMatch(/^(日)+… \[\+\d+ bytes\]$/);
    const width = [...out].reduce((w, c) => w + charWidth(c.codePointAt(0)!), 0);
    expect(width).toBeLessThanOrEqual(30);
  });
});

describe('sanitizeLine: colors', () => {
  it('strips SGR sequences on request, and only those', () => {
    const line = '\x1b[1;31mERROR\x1b[0m \u009b32mok\u009bm \x1b[2J\x1b]0;t\x07';
    expect(sanitizeLine(line, { colors: 'strip' })).toBe('ERROR ok ^[[2J^[]0;t^G');
    expect(sanitizeLine(line)).toBe('^[[1;31mERROR^[[0m \\x9b32mok\\x9bm ^[[2J^[]0;t^G');
  });

  it('stripped colours take no columns', () => {
    expect(
      sanitizeLine('\x1b[31m' + 'r'.repeat(10) + '\x1b[0m', { width: 10, colors: 'strip' }),
    ).toBe('r'.repeat(10));
  });

  it('an unterminated SGR is shown, not swallowed', () => {
    expect(sanitizeLine('\x1b[31', { colors: 'strip' })).toBe('^[[31');
  });
});
