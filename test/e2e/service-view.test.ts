// The service view in a real terminal (tmux, 120×40) against `svtui scan`: `i` on a CPU burner
// shows a CPU chart with bars and its events; Esc returns to the table; on a service that wrote
// a few lines and exited 3, Enter on the exit event shows its log pane with those last lines.
// Against daemontools' svscan (no svtui history), the charts are what the console sampled itself.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startProcess, waitFor } from '../support/processes.js';
import { scanTree } from '../support/scan-tree.js';
import { cli, haveTools, tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

/**
 * Runs once: 60 lines, then exit 3; run again, 60 other lines, and it stays up — so the log's
 * tail (a pane of about 30 lines) shows none of the first run.
 */
const CRASHER = [
  'if [ -e ./crashed ]; then',
  '  echo "crasher: second run"',
  '  i=0; while [ $i -lt 60 ]; do i=$((i + 1)); echo "crasher: after $i"; done',
  '  exec sleep 1000',
  'fi',
  ': > ./crashed',
  'echo "crasher: the disk is on fire"',
  'i=0; while [ $i -lt 60 ]; do i=$((i + 1)); echo "crasher: before $i"; done',
  'sleep 2',
  'echo "crasher: last words before exit"',
  'exit 3',
].join('\n');

describe.skipIf(!haveTools('tmux'))('the service view under svtui scan', () => {
  const tree = join(tempDir('svtui-e2e-view-'), 'service');
  let term: Terminal | undefined;
  afterAll(() => term?.close());

  it('charts a burner, lists its events, and opens the log at an exit', async () => {
    // A monitor file makes the health engine record each service's starts and exits.
    for (const name of ['burner', 'crasher']) {
      mkdirSync(join(tree, name, 'log'), { recursive: true });
      writeFileSync(join(tree, name, 'monitor'), 'if cpu > 5000% then alert\n');
      writeFileSync(join(tree, name, 'log/run'), '#!/bin/sh\nexec svtui multilog t ./main\n');
      chmodSync(join(tree, name, 'log/run'), 0o755);
    }
    await scanTree(tree, [
      ['burner', 'exec sh -c "while :; do :; done"'],
      ['crasher', CRASHER],
    ]);
    term = new Terminal([process.execPath, cli, tree], { columns: 120, rows: 40 });
    await term.waitFor(/^burner +up +\d+ +\S+ +\d+\.\d /m, 10000);

    term.keys('i');
    // Bars of a busy CPU (from the supervisor's history, or from what the console sampled).
    const view = await term.waitFor(/^CPU % · (last hour|seen here) · peak \d/m, 8000);
    const chart = view.split('\n').slice(4, 9).join('\n');
    expect(chart).toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(await term.waitFor(/^ +\d\d:\d\d:\d\d +start +started, pid \d+/m, 8000)).toContain(
      'rules · 1 rule',
    );
    term.keys('Escape');
    await term.waitFor(/^burner +up /m);
    await waitFor(() => !term!.text().includes('events · newest first'));

    // The crasher: its exit, then the log before it.
    term.keys('j');
    await term.waitFor(/crasher\/log\/main/);
    await term.waitFor(/crasher: after 60/, 15000);
    expect(term.text()).not.toContain('last words before exit');
    term.keys('i');
    const events = await term.waitFor(/^ +\d\d:\d\d:\d\d +exit +exited 3/m, 8000);
    const rows = events.split('\n');
    const newest = rows.findIndex((l) => l.startsWith('events · newest first'));
    const exit = rows.findIndex((l) => /^ +\d\d:\d\d:\d\d +exit +exited 3/.test(l));
    for (let i = newest + 1; i < exit; i++) term.keys('j');
    term.keys('Enter');
    await term.waitFor(/▶ log crasher\/log\/main/, 8000);
    // The pane is drawn at once, then again where the jump lands; Ink redraws only the lines
    // that changed:
    // wait for the whole frame of the landing (on a loaded box the first draw, with the first
    // run's last line at the top, can stay on screen for a while before it).
    const log = await waitFor(() => {
      const screen = term!.text();
      return (
        !screen.includes('events · newest first') &&
        screen.includes('last words') &&
        screen.includes('crasher: before 60') &&
        screen
      );
    }, 8000);
    // The moment of the exit mid-pane: the first run's last lines above it, the restart marker
    // and the second run's first lines below.
    expect(log).toContain('crasher: before 60');
    expect(log).toContain('crasher: last words before exit');
    expect(log).toMatch(/── crasher exited 3, restarted ──/);
    expect(log).not.toContain('crasher: before 1\n');
    expect(log).not.toContain('crasher: after 60');
  }, 60_000);
});

describe.skipIf(!haveTools('svscan', 'supervise', 'tmux'))('the service view under svscan', () => {
  const root = tempDir('svtui-e2e-view-svscan-');
  const tree = join(root, 'service');
  let term: Terminal | undefined;
  afterAll(() => term?.close());

  it('charts what the console sampled from /proc, and says so', async () => {
    mkdirSync(join(tree, 'busy'), { recursive: true });
    writeFileSync(join(tree, 'busy/run'), '#!/bin/sh\nexec sh -c "while :; do :; done"\n');
    chmodSync(join(tree, 'busy/run'), 0o755);
    startProcess('svscan', [tree], { cwd: root }); // stopped by pid when the file ends
    term = new Terminal([process.execPath, cli, tree], { columns: 120, rows: 40 });
    await term.waitFor(/^busy +up +\d+ +\S+ +\d+\.\d /m, 10000);
    term.keys('i');
    // The whole view: tmux can show a big frame's first rows before it has taken in the rest.
    const view = await term.waitFor(/^CPU % · seen here · peak \d[\s\S]*^rules · /m, 10000);
    expect(view.split('\n').slice(4, 9).join('\n')).toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(view).toContain('rules · none (no monitor file)');
    expect(view).toContain('log lines/s · seen here');
    term.keys('Escape');
    await term.waitFor(/^busy +up /m);
  }, 30_000);
});
