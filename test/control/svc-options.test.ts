// svc's getopt-style options (spec §3.1, T26, T30), pure.
import { describe, expect, it } from 'vitest';
import { parseSvcArgs } from '../../src/control/svc-options.js';

describe('parseSvcArgs', () => {
  it('keeps each distinct letter once, in order of first appearance (T26)', () => {
    expect(parseSvcArgs(['-d', '-x', '-u', '-d', '-dd', '-kpu', 'fk'])).toEqual({
      ok: true,
      letters: 'dxukp',
      dirs: ['fk'],
    });
  });
  it('accepts every letter', () => {
    expect(parseSvcArgs(['-udopchaitkx'])).toEqual({ ok: true, letters: 'udopchaitkx', dirs: [] });
  });
  it('no options: no letters', () => {
    expect(parseSvcArgs(['fk'])).toEqual({ ok: true, letters: '', dirs: ['fk'] });
    expect(parseSvcArgs([])).toEqual({ ok: true, letters: '', dirs: [] });
  });
  it('`--` ends the options; a lone `-` and the first word start the directories', () => {
    expect(parseSvcArgs(['-d', '--', '-u', '--'])).toEqual({
      ok: true,
      letters: 'd',
      dirs: ['-u', '--'],
    });
    expect(parseSvcArgs(['-d', '-', '-u'])).toEqual({ ok: true, letters: 'd', dirs: ['-', '-u'] });
    expect(parseSvcArgs(['fk', '-d'])).toEqual({ ok: true, letters: '', dirs: ['fk', '-d'] });
  });
  it('an illegal letter anywhere in a cluster fails, naming it (T30)', () => {
    expect(parseSvcArgs(['-z', 'x'])).toEqual({ ok: false, illegal: 'z' });
    expect(parseSvcArgs(['-dz', 'x'])).toEqual({ ok: false, illegal: 'z' });
    expect(parseSvcArgs(['-d', '-?'])).toEqual({ ok: false, illegal: '?' });
    expect(parseSvcArgs(['-U'])).toEqual({ ok: false, illegal: 'U' });
  });
  it('options after the directories are directories', () => {
    expect(parseSvcArgs(['-u', 'a', '-z'])).toEqual({ ok: true, letters: 'u', dirs: ['a', '-z'] });
  });
});
