// The console on a tree the real s6-svscan owns, in a real terminal: it attaches (never embeds:
// it once stopped s6's processes and ran its own copies beside them), shows s6's services with
// the pids s6-svstat reports, sends svc letters through s6's control FIFO, and q leaves s6 alone.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, S6_TOOLS, s6ok, s6Pid, startS6Svscan, stopS6 } from '../control/s6-live.js';
import { makeService } from '../supervisor/helpers.js';
import { waitFor } from '../support/processes.js';
import { cli, haveTools, tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

describe.skipIf(!haveTools(...S6_TOOLS, 'tmux'))('console on a tree s6-svscan owns', () => {
  const names = ['alpha', 'beta', 'gamma'];
  let tree = '';
  let svscan: ChildProcess | undefined;
  let term: Terminal | undefined;
  const seen = new Set<number>();
  const pids = () => names.map((n) => s6Pid(join(tree, n)));

  beforeAll(async () => {
    tree = tempDir('svtui-e2e-s6-');
    for (const n of names) makeService(tree, n, { run: 'exec sleep 1000' });
    // gamma says it will notify readiness on fd 3, and never does.
    writeFileSync(join(tree, 'gamma/notification-fd'), '3\n');
    svscan = await startS6Svscan(tree, names);
    for (const pid of pids()) seen.add(pid);
  });
  afterAll(async () => {
    term?.close();
    for (const pid of pids()) seen.add(pid);
    if (svscan) await stopS6(svscan, [...seen]);
  });

  it('attaches, with s6-svstat’s pids, and starts nothing of its own', async () => {
    const before = pids();
    // Named on the command line, a tree nothing supervises would be embedded: s6 owns this one.
    term = new Terminal([process.execPath, cli, tree], { columns: 100, rows: 30 });
    const screen = await term.waitFor(/^beta +up +\d+/m);
    expect(screen).toMatch(/^svtui attached · /m);
    for (const [i, n] of names.slice(0, 2).entries())
      expect(screen).toMatch(new RegExp(`^${n} +up +${before[i]} `, 'm'));
    // Up, but not ready: s6's readiness, for a daemon that notifies it.
    expect(screen).toMatch(new RegExp(`^gamma +not ready +${before[2]} `, 'm'));
    await new Promise((r) => setTimeout(r, 500));
    expect(pids()).toEqual(before);
    for (const n of names) expect(s6ok(join(tree, n))).toBe(true);
  });

  it('a letter goes through s6’s control FIFO: t (TERM) and s6 starts it again', async () => {
    const before = s6Pid(join(tree, 'alpha'));
    term!.keys('Enter');
    await term!.waitFor('svc on alpha');
    term!.keys('t');
    await term!.waitFor('y/n');
    term!.keys('y');
    await waitFor(
      () => s6Pid(join(tree, 'alpha')) !== before && s6Pid(join(tree, 'alpha')) !== 0,
      5000,
    );
    seen.add(s6Pid(join(tree, 'alpha')));
    expect(alive(before)).toBe(false);
    await term!.waitFor(/alpha: TERM sent; it exited and is back up as pid \d+/);
  });

  it('q quits and leaves s6 and its services running', async () => {
    const before = pids();
    term!.keys('q');
    await term!.waitFor(/\[exited 0\]/);
    expect(pids()).toEqual(before);
    for (const pid of before) expect(alive(pid)).toBe(true);
    expect(svscan && alive(svscan.pid!)).toBe(true);
  });
});
