import { describe, expect, it } from 'vitest';
import { formatLabel } from '../../src/codec/tai64n.js';
import { LabelMaker } from '../../src/log/label.js';
import { systemClock, type ClockSources } from '../../src/time/clock.js';

describe('labels', () => {
  it('formats as the codec does, reusing the seconds between calls', () => {
    const maker = new LabelMaker();
    for (const time of [
      { seconds: 1363658945n, nanoseconds: 347785500 },
      { seconds: 1363658945n, nanoseconds: 0 },
      { seconds: 1363658946n, nanoseconds: 999999999 },
      { seconds: 0n, nanoseconds: 1 },
    ]) {
      expect(maker.labelFor(time).toString('latin1')).toBe(`${formatLabel(time)} `);
    }
  });

  it('the clock follows Date.now() and never repeats', () => {
    const clock = systemClock();
    let previous = clock();
    expect(Math.abs(Number(previous.seconds) * 1000 - Date.now())).toBeLessThan(2000);
    for (let i = 0; i < 1000; i++) {
      const next = clock();
      const later =
        next.seconds > previous.seconds ||
        (next.seconds === previous.seconds && next.nanoseconds > previous.nanoseconds);
      expect(later).toBe(true);
      previous = next;
    }
  });

  it('keeps sub-millisecond precision and re-anchors only when the wall clock was stepped', () => {
    let mono = 5_000_000_000n;
    let wall = 1_700_000_000_000;
    const sources: ClockSources = {
      preciseWallMs: () => wall + 0.125,
      wallMs: () => wall,
      monoNs: () => mono,
    };
    const clock = systemClock(sources);
    expect(clock().nanoseconds).toBe(125000);
    // 10 s later, Date.now() agrees within its own millisecond: no re-anchor, digits kept.
    mono += 10_000_000_000n;
    wall += 10_000;
    expect(clock()).toEqual({ seconds: 1_700_000_010n, nanoseconds: 125000 });
    // The system clock is stepped forward by a minute: the next check follows it.
    mono += 10_000_000_000n;
    wall += 70_000;
    expect(clock()).toEqual({ seconds: 1_700_000_080n, nanoseconds: 0 });
    // Stepped back: labels still never go backwards.
    mono += 10_000_000_000n;
    wall -= 120_000;
    const back = clock();
    expect(back).toEqual({ seconds: 1_700_000_080n, nanoseconds: 1 });
  });
});
