// The one letter table (src/codec/letters.ts), pure.
import { describe, expect, it } from 'vitest';
import {
  controlLetters,
  isControlLetter,
  letterFacts,
  letterSignal,
  runitLetters,
  SVC_LETTERS,
  SVC_USAGE,
} from '../../src/codec/letters.js';

describe('the letter table', () => {
  it("gives svc's option string and usage line, byte for byte", () => {
    expect(SVC_LETTERS).toBe('udopchaitkx');
    expect(SVC_USAGE).toBe(
      'svc options: u up, d down, o once, x exit, p pause, c continue, h hup, a alarm, i interrupt, t term, k kill',
    );
  });
  it('keeps every brief within 26 columns', () => {
    for (const l of [...controlLetters, ...runitLetters])
      expect(l.brief.length).toBeLessThanOrEqual(26);
  });
  it('names the first signal for status messages, none for u o x', () => {
    expect([...SVC_LETTERS].map((l) => letterSignal(l as 'u') ?? '-').join(' ')).toBe(
      '- TERM - STOP CONT HUP ALRM INT TERM KILL -',
    );
    expect(letterSignal('q')).toBe('QUIT');
  });
  it("knows runsv's extras for the core but not for svc", () => {
    expect(letterFacts('1')?.signals).toEqual(['SIGUSR1']);
    expect(isControlLetter('1')).toBe(false);
    expect(isControlLetter('k')).toBe(true);
    expect(letterFacts('z')).toBeUndefined();
  });
});
