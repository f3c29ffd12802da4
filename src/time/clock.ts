// The one wall clock for TAI64N labels (tai64n, multilog, the in-process logger): nanosecond
// resolution from the monotonic clock, anchored to the wall clock with sub-millisecond precision
// (performance.timeOrigin + performance.now()), so labels do not end in 000000 the way a
// Date.now()-based stamp would. Every 10 s it checks the wall clock again and re-anchors only
// when the system clock was stepped (a drift over 2 ms, past Date.now()'s own granularity).
// Labels never step backwards and never repeat, so two rotations in a row get distinct names.
import type { Tai64nTime } from '../codec/tai64n.js';

export type Clock = () => Tai64nTime;

export interface ClockSources {
  /** The wall clock, ms since the epoch, as precise as available. */
  preciseWallMs(): number;
  /** The wall clock that follows clock steps (Date.now()). */
  wallMs(): number;
  /** A monotonic counter in ns. */
  monoNs(): bigint;
}

const RESYNC_NS = 10_000_000_000n;
const STEP_NS = 2_000_000n;

const nodeSources: ClockSources = {
  preciseWallMs: () => performance.timeOrigin + performance.now(),
  wallMs: () => Date.now(),
  monoNs: () => process.hrtime.bigint(),
};

/** Float ms (≈ 0.25 µs resolution near today) to integer ns, without passing through 2^53. */
function msToNs(ms: number): bigint {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
}

export function systemClock(sources: ClockSources = nodeSources): Clock {
  let checkedAt = sources.monoNs();
  let offset = msToNs(sources.preciseWallMs()) - checkedAt;
  let last = -1n;
  return () => {
    const mono = sources.monoNs();
    if (mono - checkedAt >= RESYNC_NS) {
      checkedAt = mono;
      const wall = BigInt(sources.wallMs()) * 1_000_000n;
      const drift = wall - (offset + mono);
      if (drift > STEP_NS || drift < -STEP_NS) offset = wall - mono;
    }
    let ns = offset + mono;
    if (ns <= last) ns = last + 1n;
    last = ns;
    return { seconds: ns / 1_000_000_000n, nanoseconds: Number(ns % 1_000_000_000n) };
  };
}
