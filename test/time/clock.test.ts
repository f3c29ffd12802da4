// The one wall clock's millisecond reading, the supervisor's (src/time/clock.ts); the label
// reading is tested with the labels (test/log/label.test.ts). Fake sources, no sleeps.
import { describe, expect, it } from 'vitest';
import { wallClock, type ClockSources } from '../../src/time/clock.js';

function fake() {
  const state = { mono: 5_000_000_000n, wall: 1_700_000_000_000, fraction: 0.25 };
  const sources: ClockSources = {
    preciseWallMs: () => state.wall + state.fraction,
    wallMs: () => state.wall,
    monoNs: () => state.mono,
  };
  return { state, sources };
}

describe('wallClock', () => {
  it('keeps sub-millisecond precision while Date.now() agrees', () => {
    const { state, sources } = fake();
    const now = wallClock(sources);
    expect(now()).toBe(1_700_000_000_000.25);
    state.mono += 300_000n; // 0.3 ms later, Date.now() still in the same millisecond
    expect(now()).toBe(1_700_000_000_000.55);
    state.mono += 500_000n;
    state.wall += 1;
    expect(now()).toBe(1_700_000_000_001.05);
  });

  it('follows a step of the system clock at the next reading, either way', () => {
    const { state, sources } = fake();
    const now = wallClock(sources);
    now();
    state.mono += 1_000_000n;
    state.wall += 60_001;
    expect(now()).toBe(1_700_000_060_001);
    state.mono += 1_000_000n;
    state.wall -= 120_000;
    expect(now()).toBe(1_699_999_940_001);
  });

  it('agrees with Date.now() on the real clock', () => {
    const now = wallClock();
    for (let i = 0; i < 100; i++) {
      const before = Date.now();
      const t = now();
      expect(t).toBeGreaterThanOrEqual(before - 1);
      expect(t).toBeLessThan(Date.now() + 1);
    }
  });
});
