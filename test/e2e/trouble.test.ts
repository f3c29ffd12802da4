// What an operator must see at a glance, in a real terminal against svtui scan: a service in a
// crash loop and one that ignores TERM are flagged in their rows and counted as failing in the
// title — not green like a healthy one.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatusFile } from '../../src/control/index.js';
import { alive, waitFor } from '../support/processes.js';
import { scanTree } from '../support/scan-tree.js';
import { cli, haveTools, tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

describe.skipIf(!haveTools('tmux'))('trouble at a glance', () => {
  const tree = join(tempDir('svtui-e2e-trouble-'), 'service');
  let term: Terminal | undefined;
  /** Every pid the services ran as: stubborn outlives a TERM to the scanner, by design. */
  const pids = new Set<number>();
  const note = () => {
    for (const name of ['crashy', 'stubborn', 'calm']) {
      const read = readStatusFile(join(tree, name));
      if (read.ok && read.status.pid > 0) pids.add(read.status.pid);
    }
  };
  afterAll(async () => {
    term?.close();
    note();
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await waitFor(() => [...pids].every((pid) => !alive(pid)), 3000);
  });

  beforeAll(() =>
    scanTree(tree, [
      ['crashy', 'echo boom; exit 3'],
      ['stubborn', "trap '' TERM; while :; do sleep 0.2; done"],
      ['calm', 'exec sleep 1000'],
    ] as const),
  );

  it('a crash loop says so in red, and the title counts it as failing', async () => {
    term = new Terminal([process.execPath, cli, tree], { columns: 120, rows: 40 });
    const screen = await term.waitFor(/^crashy +crash loop /m, 15000);
    expect(screen).toMatch(/^calm +up +\d+/m);
    expect(screen).toMatch(/^2 up · 0 down · 1 failing/m);
    expect(term.ansi()).toMatch(/\x1b\[31mcrash loop/); // eslint-disable-line no-control-regex
  });

  it('a service that ignores TERM: want down and still up five seconds on', async () => {
    term!.keys('G'); // stubborn, the last row
    await term!.waitFor(/log stubborn: no log service/);
    term!.keys('d');
    await term!.waitFor('stubborn: down (svc -d');
    term!.keys('y');
    const screen = await term!.waitFor(/^stubborn +ignores TERM +\d+ .* up +down /m, 10000);
    note();
    expect(screen).toMatch(/^1 up · 0 down · 2 failing/m);
    // The action's own report says so too.
    expect(screen).toMatch(
      /stubborn: down sent \(TERM, CONT\); still up as pid \d+ after \d\.\d s \(ignores TERM\?\)/,
    );
  });
});
