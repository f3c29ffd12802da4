import { describe, expect, it } from 'vitest';
import { parseLogRun } from '../../src/log/inprocess.js';
import { matchPattern } from '../../src/log/pattern.js';
import { parseScript } from '../../src/log/script.js';

const matches = (pattern: string, line: string) => {
  const l = Buffer.from(line);
  return matchPattern(Buffer.from(pattern), l, 0, l.length);
};

describe('multilog patterns (spec §4.4)', () => {
  it('is anchored and does not backtrack', () => {
    expect(matches('*o', 'hello')).toBe(true);
    expect(matches('*o', 'fo')).toBe(true);
    expect(matches('*o', 'foo')).toBe(false);
    expect(matches('*]', 'ab]c]')).toBe(false);
    expect(matches('hello', 'hello world')).toBe(false);
    expect(matches('', '')).toBe(true);
    expect(matches('', 'x')).toBe(false);
    expect(matches('**', 'a*b')).toBe(true);
    expect(matches('**', 'ab')).toBe(false);
    expect(matches('named[*]: Cleaned cache *', 'named[135]: Cleaned cache of 3121 RRs')).toBe(
      true,
    );
    expect(matches('* fatal: *', 'x fatal: out of memory')).toBe(true);
    expect(matches('* fatal: *', 'xfatal: y')).toBe(false);
  });
});

describe('parseScript (spec §4.1)', () => {
  it('clamps sizes and counts and keeps settings for later directories', () => {
    const script = parseScript([
      't',
      's100',
      'n1',
      './a',
      's99999999',
      'n20',
      '!gzip',
      '/b',
      'sabc',
      'xyz',
      './c',
    ]);
    expect(script.timestamp).toBe(true);
    expect(script.actions).toEqual([
      { kind: 'directory', path: './a', size: 4096, count: 2 },
      { kind: 'directory', path: '/b', size: 16777215, count: 20, processor: 'gzip' },
      { kind: 'directory', path: './c', size: 4096, count: 20, processor: 'gzip' },
    ]);
  });

  it('reads numbers as scan_ulong does: leading zeros, wrapping modulo 2^64', () => {
    const script = parseScript([
      's00000000000000009000',
      'n000000000000000000005',
      './a',
      's18446744073709551617000',
      'n18446744073709551619',
      './b',
      's5000x7',
      'n3y',
      './c',
    ]);
    expect(script.actions).toEqual([
      { kind: 'directory', path: './a', size: 9000, count: 5 },
      { kind: 'directory', path: './b', size: 4096, count: 3 },
      { kind: 'directory', path: './c', size: 5000, count: 3 },
    ]);
  });

  it('honours t only as the first word and classifies the rest', () => {
    const script = parseScript(['e', 't', '-x*', '+y', '=st']);
    expect(script.timestamp).toBe(false);
    expect(script.actions.map((a) => a.kind)).toEqual(['alert', 'deselect', 'select', 'status']);
  });
});

describe('parseLogRun', () => {
  it('accepts exactly exec svtui multilog with plain words and quotes', () => {
    expect(parseLogRun('#!/bin/sh\n# logger\n\nexec svtui multilog t s999999 ./main\n')).toEqual([
      't',
      's999999',
      './main',
    ]);
    expect(parseLogRun(`exec svtui multilog t '-*' "+* fatal: *" e ./main`)).toEqual([
      't',
      '-*',
      '+* fatal: *',
      'e',
      './main',
    ]);
    expect(parseLogRun('exec svtui multilog')).toEqual([]);
  });

  it('refuses anything else of the shell', () => {
    for (const text of [
      'exec multilog t ./main',
      'svtui multilog t ./main',
      'exec svtui multilog t ./$DIR',
      'exec svtui multilog t "./$DIR"',
      'exec svtui multilog t ./main # comment',
      'exec svtui multilog t ./m*',
      'exec svtui multilog t ./main; echo',
      'cd /x\nexec svtui multilog t ./main',
      "exec svtui multilog t './main",
      'exec svtui multilog t ./a\\ b',
      'exec svtui multilog t ./main 2>&1',
    ]) {
      expect(parseLogRun(text), text).toBeUndefined();
    }
  });
});
