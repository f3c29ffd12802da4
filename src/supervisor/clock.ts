// The supervisor's clock: wall-clock milliseconds with sub-millisecond precision. Date.now() has
// whole milliseconds only (too coarse to tell a 0.3 ms respawn from a 1 ms one); the monotonic
// clock is precise but drifts from the wall clock when NTP slews or steps it, and status files
// must agree with `date` (svstat subtracts them from time()). So: monotonic time re-anchored to
// Date.now() whenever the two disagree by a millisecond or more.
import { performance } from 'node:perf_hooks';

export function wallClock(): () => number {
  let offset = Date.now() - performance.now();
  return () => {
    const precise = offset + performance.now();
    const wall = Date.now();
    if (Math.abs(precise - wall) >= 1) {
      offset = wall - performance.now();
      return wall;
    }
    return precise;
  };
}
