// The tree's `.svtui/monitrc`: monit's `set daemon N [with start delay N]`, `set alert ADDRESS
// [with reminder on N cycles]` and comments, nothing else. The default cycle, when no `set
// daemon` is written, is DEFAULT_CYCLE_SECONDS.
import { eachStatement, type Cursor } from './cursor.js';
import type { Token } from './lexer.js';
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
    cursor.expect('"set daemon" or "set alert"', 'set');
    if (cursor.accept('alert')) return setAlert(cursor, start, result.settings);
    cursor.expect('"daemon" or "alert"', 'daemon');
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
    Object.assign(result.settings, {
      cycleSeconds: n.value,
      startDelaySeconds: delay,
      written: true,
    });
  });
  return result;
}

/** monit's mail address token, as far as its shape goes: one `@` with something either side. */
const ADDRESS = /^[^@\s{}]+@[^@\s{}]+$/;

/** `set alert ADDRESS [with] [reminder [on] N [cycles]]` (p.y: alertmail, reminder). */
function setAlert(cursor: Cursor, start: Token, settings: TreeSettings): void {
  if (settings.alert) {
    throw cursor.failure(
      'one "set alert"',
      start,
      'svtui runs one hook per alert: let the hook tell every address',
    );
  }
  const address = cursor.peek();
  if (address.kind !== 'word' || !ADDRESS.test(address.text)) {
    throw cursor.failure('a mail address (name@host)', address);
  }
  cursor.next();
  const alert: NonNullable<TreeSettings['alert']> = { to: address.text };
  if (cursor.accept('reminder')) {
    const n = cursor.number('a number of cycles');
    cursor.accept('cycle', 'cycles');
    // monit's reminder 0 is "no reminder".
    if (n.value > 0) alert.reminderCycles = n.value;
  }
  const next = cursor.peek();
  if (next.kind !== 'eof' && !(next.kind === 'word' && next.key === 'set')) {
    throw cursor.failure(
      '"with reminder on N cycles" or the end of the statement',
      next,
      "monit's event filters and mail formats are not supported by svtui: the hook gets every alert",
    );
  }
  settings.alert = alert;
}
