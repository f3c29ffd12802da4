// The rate limit of alert hook runs, per service: at most `max` runs in any `windowMs`. A service
// that flaps (fails, recovers, fails …) or a reminder set too short cannot send a storm; what is
// held back is counted, told in an event at once, and told to the next alert that does go out,
// so nothing is lost silently. Pure: the times are passed in, the state is plain data.
//
// monit has no such limit (its alerts go out as often as events happen), so no monitrc statement
// sets it: the defaults below are svtui's, documented in the README.

export interface AlertLimit {
  max: number;
  windowMs: number;
}

/** 5 hook runs per service in 10 minutes: a real failure and its recovery, reminders, a flap. */
export const DEFAULT_ALERT_LIMIT: AlertLimit = { max: 5, windowMs: 10 * 60_000 };

export interface LimitState {
  /** When the hook ran, oldest first, within the last window. */
  sent: number[];
  /** Alerts held back since the last one that went out. */
  held: number;
}

export type Admission =
  /** Run the hook; `heldBefore` alerts were held back since the last run (0: none). */
  | { run: true; heldBefore: number }
  /** Do not run it: this is the `held`-th held back since the last run; the next run is due at `nextAt`. */
  | { run: false; held: number; nextAt: number };

export function initialLimitState(): LimitState {
  return { sent: [], held: 0 };
}

/** Whether an alert at `now` may run the hook, and the state after it. */
export function admit(
  state: LimitState,
  now: number,
  limit: AlertLimit,
): { state: LimitState; admission: Admission } {
  const sent = state.sent.filter((t) => now - t < limit.windowMs);
  if (sent.length < limit.max) {
    return {
      state: { sent: [...sent, now], held: 0 },
      admission: { run: true, heldBefore: state.held },
    };
  }
  const held = state.held + 1;
  const oldest = sent[0] ?? now;
  return {
    state: { sent, held },
    admission: { run: false, held, nextAt: oldest + limit.windowMs },
  };
}

/** `10 min`, `90 s`, `2 h`: a window for people. */
export function windowWords(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}
