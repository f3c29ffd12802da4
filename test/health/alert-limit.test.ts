// The alert hook's rate limit, pure: times in, decisions out.
import { describe, expect, it } from 'vitest';
import {
  admit,
  DEFAULT_ALERT_LIMIT,
  initialLimitState,
  windowWords,
  type Admission,
  type LimitState,
} from '../../src/health/alert-limit.js';

const limit = { max: 3, windowMs: 60_000 };

/** Feed alert times through the limiter; the decisions in order. */
function feed(times: number[], state: LimitState = initialLimitState()) {
  const out: Admission[] = [];
  for (const t of times) {
    const r = admit(state, t, limit);
    state = r.state;
    out.push(r.admission);
  }
  return { out, state };
}

describe('admit', () => {
  it('lets max alerts through in a window, holds back the rest with a running count', () => {
    const { out } = feed([0, 1000, 2000, 3000, 4000]);
    expect(out).toEqual([
      { run: true, heldBefore: 0 },
      { run: true, heldBefore: 0 },
      { run: true, heldBefore: 0 },
      { run: false, held: 1, nextAt: 60_000 },
      { run: false, held: 2, nextAt: 60_000 },
    ]);
  });

  it('the next alert that goes out carries the count held back, then the count starts over', () => {
    const { out } = feed([0, 1000, 2000, 3000, 4000, 60_000, 61_000, 62_000]);
    expect(out.slice(5)).toEqual([
      { run: true, heldBefore: 2 },
      { run: true, heldBefore: 0 },
      { run: true, heldBefore: 0 },
    ]);
  });

  it('the window slides: one slot frees when the oldest run leaves it', () => {
    const { out } = feed([0, 30_000, 40_000, 50_000, 60_000, 61_000]);
    expect(out.map((a) => a.run)).toEqual([true, true, true, false, true, false]);
    expect(out[5]).toEqual({ run: false, held: 1, nextAt: 90_000 });
  });

  it('a flapping service at one alert a second: max runs per window whatever the rate', () => {
    const times = Array.from({ length: 600 }, (_, i) => i * 1000);
    const runs = feed(times).out.filter((a) => a.run).length;
    expect(runs).toBe(3 * 10);
  });

  it('never keeps more times than max', () => {
    const { state } = feed(Array.from({ length: 50 }, (_, i) => i));
    expect(state.sent.length).toBeLessThanOrEqual(limit.max);
    expect(state.held).toBe(47);
  });

  it('default: 5 in 10 minutes', () => {
    expect(DEFAULT_ALERT_LIMIT).toEqual({ max: 5, windowMs: 600_000 });
  });
});

describe('windowWords', () => {
  it('says a window in the largest whole unit', () => {
    expect(windowWords(600_000)).toBe('10 min');
    expect(windowWords(7_200_000)).toBe('2 h');
    expect(windowWords(90_000)).toBe('90 s');
    expect(windowWords(1500)).toBe('2 s');
  });
});
