// The alert policy on the attached engine: a flapping service (its check fails one cycle, passes
// the next) alerts every cycle, yet the tree's hook runs at most `max` times per window; each alert
// held back is an `alert-suppressed` event, and the next hook run is told how many were. Reminders
// (`set alert … with reminder on N cycles`) run the hook again while a failure lasts. The cycles
// are driven by hand on an injected clock; the hook and the check are real scripts.
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { attachHealth, decodeEvents, type HealthHost } from '../../src/health/index.js';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import { script } from '../supervisor/helpers.js';

const HOUR = 3_600_000;

/** A tree of one service `web`, up as pid 4242 (no process: the engine only reads the number). */
function tree(monitor: string, monitrc: string) {
  const dir = tempDir();
  mkdirSync(join(dir, '.svtui'));
  mkdirSync(join(dir, 'web', 'supervise'), { recursive: true });
  writeFileSync(join(dir, '.svtui', 'monitrc'), monitrc);
  const runs = join(dir, 'hook.runs');
  script(
    join(dir, '.svtui', 'alert'),
    `echo "$SVTUI_ALERTS_HELD|$SVTUI_ALERT_TO|$SVTUI_DESCRIPTION" >> ${runs}`,
  );
  writeFileSync(join(dir, 'web', 'monitor'), monitor);
  const host: HealthHost = {
    dir,
    names: () => ['web'],
    process: () => ({ pid: 4242 }),
    onChange: () => () => undefined,
    control: () => undefined,
  };
  const lines = () => (existsSync(runs) ? readFileSync(runs, 'utf8').trim().split('\n') : []);
  const events = () =>
    decodeEvents(readFileSync(join(dir, 'web', 'supervise', 'svtui-events'), 'utf8'));
  return { dir, host, lines, events };
}

it('a flapping service: at most max hook runs per window, the rest counted and told', async () => {
  // The check fails when ./flip exists and flips it: fail, pass, fail, pass, …
  const t = tree('if failed program "./check" then alert\n', 'set daemon 3600\n');
  script(join(t.dir, 'web', 'check'), '[ -e flip ] && { rm flip; exit 1; }; touch flip; exit 0');
  writeFileSync(join(t.dir, 'web', 'flip'), '');
  const clock = { now: 0 };
  const health = await attachHealth(t.host, {
    clock: () => clock.now,
    warn: () => undefined,
    figures: () => undefined,
    alertLimit: { max: 2, windowMs: 4 * HOUR },
  });
  try {
    // The grace period (one cycle) ends at the first cycle: 9 cycles, 9 alerts (failed,
    // recovered, failed, …).
    const cycle = async () => {
      clock.now += HOUR;
      await health.cycle();
    };
    for (let i = 0; i < 9; i++) await cycle();
    const alerts = () => t.events().filter((e) => e.kind === 'alert');
    await waitFor(() => alerts().length === 9, 5000);
    // Runs at hours 1, 2 (window full until 5), 5, 6 (full until 9), 9: 5 of 9.
    await waitFor(() => t.lines().length === 5, 5000);
    const held = t.events().filter((e) => e.kind === 'alert-suppressed');
    expect(held.map((e) => e.time.slice(11, 13))).toEqual(['03', '04', '07', '08']);
    expect(held.map((e) => e.held)).toEqual([1, 2, 1, 2]);
    expect(held[0]?.text).toMatch(/^alert hook not run: 2 runs in 4 h already; 1 held back/);
    // The first run after a hold says how many were held back; the one after starts over.
    const runs = t.lines();
    expect(runs[0]).toMatch(/^\|\|program "\.\/check" failed/);
    expect(runs[2]).toMatch(/^2\|\|.*\(and 2 earlier alerts held back by the rate limit\)$/);
    expect(runs[3]).toMatch(/^\|\|program "\.\/check" succeeded/);
    expect(runs[4]).toMatch(/^2\|\|/);
  } finally {
    await health.stop();
  }
});

it('set alert … with reminder on 2 cycles: the hook again every 2 cycles while it fails', async () => {
  const t = tree(
    'if failed program "./check" then alert\n',
    'set daemon 3600\nset alert ops@example.com with reminder on 2 cycles\n',
  );
  script(join(t.dir, 'web', 'check'), 'exit 1');
  const clock = { now: 0 };
  const health = await attachHealth(t.host, {
    clock: () => clock.now,
    warn: () => undefined,
    figures: () => undefined,
  });
  try {
    // 6 failing cycles: the alert at the first, reminders at the third and the fifth.
    for (let i = 0; i < 6; i++) {
      clock.now += HOUR;
      await health.cycle();
    }
    await waitFor(() => t.lines().length === 3, 5000);
    expect(t.lines().every((l) => l.startsWith('|ops@example.com|program "./check" failed'))).toBe(
      true,
    );
    expect(t.events().filter((e) => e.kind === 'alert')).toHaveLength(3);
  } finally {
    await health.stop();
  }
});
