// The engine inside the supervisor: a real tree, a service whose `./check` fails, a one-second
// cycle from `.svtui/monitrc`. The failure restarts it through the control path, the alert hook
// gets the event in its environment, and supervise/ holds the events and the saved state.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodeEvents } from '../../src/health/index.js';
import { startSupervisor } from '../../src/supervisor/index.js';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import { makeService, remember, script, waitDown, waitUp } from '../supervisor/helpers.js';

it('restarts a service whose check fails, runs the alert hook, records events', async () => {
  const tree = tempDir();
  mkdirSync(join(tree, '.svtui'));
  writeFileSync(join(tree, '.svtui', 'monitrc'), 'set daemon 1\n');
  const envFile = join(tree, 'alert.env');
  script(join(tree, '.svtui', 'alert'), `env | grep -E '^(SVTUI|MONIT)_' | sort > ${envFile}`);
  makeService(tree, 'web', { run: 'exec sleep 100' });
  // Not named ./check: that is also runit's readiness probe, and a service that never becomes
  // ready gets the readiness limit's grace (a minute), not one cycle.
  script(join(tree, 'web', 'probe'), 'echo "not healthy"; exit 1');
  writeFileSync(
    join(tree, 'web', 'monitor'),
    'if failed program "./probe" for 2 cycles then restart\nif failed program "./probe" then alert\n',
  );
  makeService(tree, 'plain', { run: 'exec sleep 100' });
  // The child outlives a stop (`d` TERMs the main process only, as svc -d): killed by its pid below.
  makeService(tree, 'parent', { run: 'sleep 100 & echo $! > child.pid; exec sleep 100' });
  writeFileSync(join(tree, 'parent', 'monitor'), 'if children > 0 then stop\n');

  const supervisor = await startSupervisor({ dir: tree, stderr: () => {}, graceMs: 300 });
  try {
    const first = await waitUp(join(tree, 'web'));
    remember(first);
    remember(await waitUp(join(tree, 'plain')));
    // Grace (one cycle) after the start, then two failing cycles: a restart.
    const second = await waitFor(async () => {
      const pid = await waitUp(join(tree, 'web'));
      return pid !== first ? pid : 0;
    }, 10_000);
    remember(second);
    await waitFor(() => existsSync(envFile), 5000);
    const env = readFileSync(envFile, 'utf8');
    expect(env).toContain('MONIT_SERVICE=web\n');
    expect(env).toContain('MONIT_EVENT=Status failed\n');
    expect(env).toContain('SVTUI_EVENT=alert\n');
    expect(env).toMatch(
      /MONIT_DESCRIPTION=program ".\/probe" failed: ".\/probe" exited 1, expected status = 0: not healthy/,
    );

    // Appends are queued: wait for the restart's exit to be on disk.
    const read = (name = 'web') =>
      decodeEvents(readFileSync(join(tree, name, 'supervise', 'svtui-events'), 'utf8'));
    const events =
      (await waitFor(() => {
        const all = read();
        return all.some((e) => e.kind === 'exit') ? all : undefined;
      }, 5000)) ?? [];
    const kinds = events.map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['rules-loaded', 'start', 'check-failed', 'alert', 'action', 'exit']),
    );
    expect(events.find((e) => e.kind === 'action')).toMatchObject({
      action: 'restart',
      rule: { line: 1, column: 1 },
    });
    expect(existsSync(join(tree, 'web', 'supervise', 'svtui-monitor.json'))).toBe(true);
    // Resource figures from src/resources: the child of `parent` is seen, and it is stopped.
    await waitDown(join(tree, 'parent'), 10_000);
    const parent = read('parent').find((e) => e.kind === 'action');
    expect(parent).toMatchObject({ action: 'stop', monit: 'Resource limit matched', value: 1 });
    // Starts and exits are the supervisor's to write, once each, monitored or not.
    const starts = events.filter((e) => e.kind === 'start').map((e) => e.pid);
    expect(starts).toEqual([...new Set(starts)]);
    expect(starts).toEqual(expect.arrayContaining([first, second]));
    // A service without a `monitor` file: its starts only, no rule state, no resource rules.
    expect(read('plain').map((e) => e.kind)).toEqual(['start']);
    expect(existsSync(join(tree, 'plain', 'supervise', 'svtui-monitor.json'))).toBe(false);
  } finally {
    await supervisor.stop();
    const child = Number(readFileSync(join(tree, 'parent', 'child.pid'), 'utf8'));
    if (child > 1) process.kill(child, 'SIGKILL');
  }
}, 20_000);
