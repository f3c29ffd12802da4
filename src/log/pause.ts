// multilog's answer to every failure after start-up (spec §4.5): warn with its exact words, pause,
// try again, forever. Nothing is dropped; the producer waits.
import { describeError } from '../codec/errors.js';
import type { LogPort } from './fs-port.js';

export interface Context {
  port: LogPort;
  /** Where warnings go (whole lines). */
  warn(text: string): void;
  pauseMs: number;
  /**
   * The text of multilog's errno as its last failing system call left it: "processor crashed"
   * prints it though the crash set none. Start-up leaves ENOENT (a fresh or recovered directory)
   * or EEXIST (mkdir of a directory reused cleanly); every warned failure replaces it.
   */
  staleError?: string;
}

/** Run `action` until it succeeds; each failure prints `multilog: warning: unable to WHAT, pausing: ERR`. */
export async function retrying<T>(ctx: Context, what: string, action: () => T): Promise<T> {
  for (;;) {
    try {
      return action();
    } catch (error) {
      ctx.staleError = describeError(error);
      ctx.warn(`multilog: warning: unable to ${what}, pausing: ${describeError(error)}\n`);
      await ctx.port.sleep(ctx.pauseMs);
    }
  }
}
