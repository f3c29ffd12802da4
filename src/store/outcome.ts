// What an action did, in one line for the status bar, from the service's status before and after
// ("alpha: HUP sent; it exited and is back up as pid 4412 after 0.2 s"). Pure: the caller polls and passes the
// elapsed time; `undefined` means "nothing to say yet, keep watching".
import { letterInfo, letterSignal, type ControlLetter } from './letters.js';
import type { Observation } from './model.js';

export interface OutcomeInput {
  service: string;
  letter: ControlLetter;
  before: Observation | undefined;
  after: Observation | undefined;
  elapsedMs: number;
  /** The watcher gives up after this; the message then says what is still the case. */
  timeoutMs: number;
}

export function describeOutcome(input: OutcomeInput): string | undefined {
  const { service, letter, before, after, elapsedMs, timeoutMs } = input;
  const sent = sentWords(letter);
  const pidBefore = before?.status?.pid ?? 0;
  const pid = after?.status?.pid ?? 0;
  const took = `after ${(elapsedMs / 1000).toFixed(1)} s`;
  const late = elapsedMs >= timeoutMs;
  if (after && !after.supervised) return `${service}: ${sent}; but no supervisor is running`;
  switch (letter) {
    case 'u':
    case 'o':
      if (pid !== 0 && pidBefore !== 0 && pid === pidBefore && !late)
        return `${service}: ${sent}; already up as pid ${pid}`;
      if (pid !== 0 && pid !== pidBefore) return `${service}: ${sent}; up as pid ${pid} ${took}`;
      return late
        ? `${service}: ${sent}; ${pid ? `up as pid ${pid}` : 'still down'} ${took}`
        : undefined;
    case 'd':
      if (pid === 0) return `${service}: ${sent}; down ${took}`;
      return late
        ? `${service}: ${sent}; still up as pid ${pid} ${took} (ignores TERM?)`
        : undefined;
    case 'p':
    case 'c': {
      const paused = after?.status?.paused ?? false;
      if (paused === (letter === 'p'))
        return `${service}: ${sent}; ${paused ? 'paused' : 'running'}`;
      return late ? `${service}: ${sent}; no change seen` : undefined;
    }
    case 'x':
      return `${service}: ${sent}; the supervisor stops once the service is down`;
    default: {
      // A signal. It may kill the service, and the supervisor restarts it when want is up: the gap
      // in between (pid 0 for a moment, or a restart held back a second) is not the outcome, so
      // wait for a new pid until the timeout; say "down" only when it stayed down.
      if (pid !== 0 && pid !== pidBefore)
        return `${service}: ${sent}; it exited and is back up as pid ${pid} ${took}`;
      if (pidBefore === 0) return `${service}: ${sent}; it was not running`;
      if (pid === 0) {
        const restarts = after?.status?.want === 'up';
        if (late || (!restarts && elapsedMs >= Math.min(timeoutMs, SETTLE_MS)))
          return `${service}: ${sent}; it exited and stayed down (${took})`;
        return undefined;
      }
      return late ? `${service}: ${sent}; still up (pid ${pid})` : undefined;
    }
  }
}

/** How long a service that exited with want down is watched for a restart all the same. */
const SETTLE_MS = 1500;

/** What was sent, in words: `down sent (TERM, CONT)`, `HUP sent`, `up sent`. */
export function sentWords(letter: ControlLetter): string {
  const signal = letterSignal(letter);
  if (letter === 'd') return 'down sent (TERM, CONT)';
  if (signal) return `${signal} sent`;
  return `${letterInfo(letter).name} sent`;
}
