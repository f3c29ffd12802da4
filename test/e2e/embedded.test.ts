// Embedded mode on the bundled example tree, in a real terminal: the console hosts the supervisor,
// the real svstat sees the same services, the example's `svtui multilog` loggers write the log
// pane's files; q then n stays, q then y stops everything — nothing of the tree is left running.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, processesIn, waitFor } from '../support/processes.js';
import { cli, copyExampleTree, haveTools, runSync, tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

const ready = haveTools('svstat', 'tmux');

describe.skipIf(!ready)('console embedded on the example tree', () => {
  const tree = join(tempDir('svtui-e2e-embedded-'), 'service');
  let term: Terminal | undefined;
  afterAll(() => term?.close());

  beforeAll(() => {
    copyExampleTree(tree);
    term = new Terminal([process.execPath, cli, tree], { columns: 120, rows: 40 });
  });

  it('supervises the tree in-process; the real svstat sees the same services', async () => {
    const screen = await term!.waitFor(/^steady +up +\d+/m);
    expect(screen).toMatch(/^svtui embedded · /m);
    expect(screen).toMatch(/^nightly +down .* down +down /m);
    const pid = Number(/^steady +up +(\d+)/m.exec(screen)![1]);
    const line = runSync(['svstat', join(tree, 'steady')]).stdout.toString();
    expect(line).toMatch(new RegExp(`: up \\(pid ${pid}\\) \\d+ seconds`));
  });

  it('the example loggers (svtui multilog via PATH) feed the log pane', async () => {
    await term!.waitFor(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} chatty: /);
    expect(term!.text()).toContain('log chatty/log/main ');
  });

  it('q asks; n (and Esc) cancel and the console stays, still supervising', async () => {
    const console = term!.programPid();
    term!.keys('q');
    const asking = await term!.waitFor('Stop every service and quit? y/n');
    // The question takes the status line only: the log pane stays filled meanwhile.
    expect(asking).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \w+: /);
    term!.keys('n');
    await term!.waitFor(/^cancelled: still running/m);
    expect(term!.text()).not.toContain('[exited');
    term!.keys('C-c');
    await term!.waitFor('Stop every service and quit? y/n');
    term!.keys('Escape');
    await term!.waitFor(/^j\/k move/m);
    expect(term!.text()).toMatch(/^cancelled: still running/m);
    // Still the live console: keys work, the services still run under this very process.
    term!.keys('j');
    await term!.waitFor(/^steady +up +\d+/m);
    expect(term!.programPid()).toBe(console);
    expect(processesIn(tree).length).toBeGreaterThan(0);
  });

  it('q then y stops every service and logger, exits, and leaves nothing running', async () => {
    const console = term!.programPid();
    expect(processesIn(tree).length).toBeGreaterThan(0);
    term!.keys('q');
    await term!.waitFor('Stop every service and quit? y/n');
    term!.keys('y');
    await term!.waitFor(/\[exited 0\]/, 20000);
    await waitFor(() => processesIn(tree).length === 0, 5000);
    expect(alive(console)).toBe(false);
  });
});

describe.skipIf(!ready)('console on a defaulted tree that nothing supervises', () => {
  const tree = join(tempDir('svtui-e2e-unsupervised-'), 'service');
  let term: Terminal | undefined;
  afterAll(() => term?.close());

  beforeAll(() => {
    copyExampleTree(tree);
    // No DIR on the command line: the tree comes from $SVDIR.
    term = new Terminal([process.execPath, cli], {
      columns: 80,
      rows: 24,
      env: { SVDIR: tree },
    });
  });

  it('shows it read-only, says nothing supervises it and how to start, starts nothing', async () => {
    const screen = await term!.waitFor(/^nothing supervises /m);
    expect(screen).toMatch(/^svtui unsupervised read-only · /m);
    expect(screen).toMatch(/svtui DIR runs it here, or svtui scan, svscan, runsvdir$/m);
    expect(processesIn(tree)).toEqual([]);
    term!.keys('u');
    await term!.waitFor(/read-only: nothing supervises this tree/);
    expect(processesIn(tree)).toEqual([]);
  });

  it('q quits at once and leaves nothing behind', async () => {
    term!.keys('q');
    await term!.waitFor(/\[exited 0\]/);
    expect(processesIn(tree)).toEqual([]);
  });
});
