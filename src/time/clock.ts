// The one place that reads the wall clock for labels: Date.now() anchors a monotonic
// nanosecond counter, so labels carry full nanosecond precision and never step backwards.
import type { Tai64nTime } from '../codec/tai64n.js';

export type Clock = () => Tai64nTime;

export function systemClock(): Clock {
  const anchorNs = BigInt(Date.now()) * 1_000_000n;
  const hrStart = process.hrtime.bigint();
  return () => {
    const ns = anchorNs + (process.hrtime.bigint() - hrStart);
    return { seconds: ns / 1_000_000_000n, nanoseconds: Number(ns % 1_000_000_000n) };
  };
}
