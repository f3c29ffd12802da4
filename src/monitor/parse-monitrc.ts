// The tree's `.svtui/monitrc`: monit's `set daemon N [with start delay N]` and comments, nothing
// else. The default cycle, when no `set daemon` is written, is DEFAULT_CYCLE_SECONDS.
import { eachStatement } from './cursor.js';
import type { MonitrcFile, TreeSettings } from './types.js';

/**
 * 30 s, the cycle of monit's own shipped monitrc (Debian's says 120). Rules pasted from a monit
 * setup keep their meaning: `for 5 cycles` stays two and a half minutes, not 10 s. And it is the
 * cost the budgets allow: resources are sampled every 2 s regardless (DESIGN, "Budgets"), so a
 * resource rule reads a fresh sample at any cycle, while each port or program check costs a
 * connect or a spawn per service per cycle — 500 program checks at 30 s are ~17 spawns a second,
 * at the 2 s sampling pace they would be 250, far past 1 % of a core. `set daemon` shortens it.
 */
export const DEFAULT_CYCLE_SECONDS = 30;

/** monit's own bound on `set daemon` (p.y: one year). */
const ONE_YEAR = 31556952;

export const DEFAULT_SETTINGS: TreeSettings = {
  cycleSeconds: DEFAULT_CYCLE_SECONDS,
  startDelaySeconds: 0,
  written: false,
};

export function parseMonitrc(text: string, file: string): MonitrcFile {
  const result: MonitrcFile = { settings: { ...DEFAULT_SETTINGS }, errors: [] };
  result.errors = eachStatement(text, file, (cursor) => {
    const start = cursor.peek();
    cursor.expect('"set daemon"', 'set');
    cursor.expect('"daemon"', 'daemon');
    if (result.settings.written) {
      throw cursor.failure('one "set daemon"', start, 'monit would keep one of them');
    }
    const n = cursor.number('a number of seconds');
    if (n.value < 1 || n.value > ONE_YEAR) {
      throw cursor.failure(`a cycle from 1 to ${ONE_YEAR} seconds`, n.token);
    }
    let delay = 0;
    if (cursor.accept('start')) {
      cursor.expect('"delay"', 'delay');
      delay = cursor.number('a number of seconds').value;
    }
    result.settings = { cycleSeconds: n.value, startDelaySeconds: delay, written: true };
  });
  return result;
}
