// multilog's answer to every failure after start-up (spec §4.5): warn with its exact words, pause,
// try again, forever. Nothing is dropped; the producer waits.
import { describeError } from '../codec/errors.js';
import type { LogPort } from './fs-port.js';

export interface Context {
  port: LogPort;
  /** Where warnings go (whole lines). */
  warn(text: string): void;
  pauseMs: number;
}

/** Run `action` until it succeeds; each failure prints `multilog: warning: unable to WHAT, pausing: ERR`. */
export async function retrying<T>(ctx: Context, what: string, action: () => T): Promise<T> {
  for (;;) {
    try {
      return action();
    } catch (error) {
      ctx.warn(`multilog: warning: unable to ${what}, pausing: ${describeError(error)}\n`);
      await ctx.port.sleep(ctx.pauseMs);
    }
  }
}
