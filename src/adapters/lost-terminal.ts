// What is left to do when the terminal hangs up under a program that goes on (or exits) without it.
import { closeSync, openSync } from 'node:fs';

/**
 * After a hang-up the terminal is gone: point descriptors 0-2 at /dev/null. Node puts the
 * terminal's settings back on its way out and aborts when that fails with EIO (Node 20's
 * ResetStdio); it skips a descriptor that is no longer the file it was at start. Later writes
 * (a service's inherited stderr, a last message) go nowhere instead of failing.
 */
export function forgetTerminal(): void {
  for (const fd of [0, 1, 2]) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
  // The lowest free descriptors: 0, 1 and 2 again.
  try {
    openSync('/dev/null', 'r');
    openSync('/dev/null', 'w');
    openSync('/dev/null', 'w');
  } catch {
    // Nothing to fall back on; Node's own reset then skips the closed descriptors.
  }
}
