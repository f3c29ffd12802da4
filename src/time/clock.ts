// The one wall clock, in two readings: TAI64N labels (tai64n, multilog, the in-process logger)
// and the supervisor's milliseconds (status files, restart timing). Both are the monotonic clock
// anchored to the wall clock with sub-millisecond precision (performance.timeOrigin +
// performance.now()), so labels do not end in 000000 the way a Date.now()-based stamp would and
// a 0.3 ms respawn is told from a 1 ms one. They differ only in how closely they follow
// Date.now() when NTP slews or steps the system clock:
// - labels check it every 10 s and re-anchor only when it was stepped (a drift over 2 ms, past
//   Date.now()'s own granularity); they never step backwards and never repeat, so two
//   rotations in a row get distinct names;
// - the supervisor checks it at every reading and re-anchors as soon as the two disagree by a
//   millisecond, since status files must agree with `date` (svstat subtracts them from time()).
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
/** A drift of a millisecond or more (1 ms - 1 ns exceeded). */
const WALL_STEP_NS = 999_999n;

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

/** Monotonic ns since the epoch, re-anchored to wallMs() when it drifts by more than `stepNs`. */
function anchoredNs(sources: ClockSources, stepNs: bigint, everyNs: bigint): () => bigint {
  let checkedAt = sources.monoNs();
  let offset = msToNs(sources.preciseWallMs()) - checkedAt;
  return () => {
    const mono = sources.monoNs();
    if (mono - checkedAt >= everyNs) {
      checkedAt = mono;
      const wall = BigInt(sources.wallMs()) * 1_000_000n;
      const drift = wall - (offset + mono);
      if (drift > stepNs || drift < -stepNs) offset = wall - mono;
    }
    return offset + mono;
  };
}

/** The label clock: never backwards, never the same instant twice. */
export function systemClock(sources: ClockSources = nodeSources): Clock {
  const now = anchoredNs(sources, STEP_NS, RESYNC_NS);
  let last = -1n;
  return () => {
    let ns = now();
    if (ns <= last) ns = last + 1n;
    last = ns;
    return { seconds: ns / 1_000_000_000n, nanoseconds: Number(ns % 1_000_000_000n) };
  };
}

/**
 * The supervisor's clock: ms since the epoch with sub-millisecond precision, within a
 * millisecond of Date.now() at every reading (it follows a step at once, either way).
 */
export function wallClock(sources: ClockSources = nodeSources): () => number {
  const now = anchoredNs(sources, WALL_STEP_NS, 0n);
  return () => {
    const ns = now();
    return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
  };
}
