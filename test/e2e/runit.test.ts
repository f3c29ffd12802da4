// The console attached to runit's runsvdir/runsv: runit's 20-byte status is read, and the same
// control bytes take a service down, as `sv status` confirms.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, waitFor } from '../support/processes.js';
import { cli, haveTools, runSync, tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

describe.skipIf(!haveTools('runsvdir', 'runsv', 'sv', 'tmux'))('console attached to runit', () => {
  const tree = join(tempDir('svtui-e2e-runit-'), 'service');
  const sv = (name: string) => runSync(['sv', 'status', join(tree, name)]).stdout.toString();
  let term: Terminal | undefined;
  afterAll(() => term?.close());

  beforeAll(async () => {
    mkdirSync(join(tree, 'r1'), { recursive: true });
    writeFileSync(join(tree, 'r1/run'), '#!/bin/sh\nexec sleep 1000\n');
    chmodSync(join(tree, 'r1/run'), 0o755);
    startProcess('runsvdir', [tree]); // stopped by pid when the file ends
    await waitFor(() => /^run: /.test(sv('r1')), 8000);
  });

  it('shows runsv’s service and takes it down with d, y', async () => {
    term = new Terminal([process.execPath, cli, tree], { columns: 120, rows: 40 });
    const pid = /\(pid (\d+)\)/.exec(sv('r1'))![1];
    await term.waitFor(new RegExp(`^r1 +up +${pid} `, 'm'));
    term.keys('d');
    await term.waitFor(/r1: down \(svc -d/);
    term.keys('y');
    await term.waitFor(/r1: down sent \(TERM, CONT\); down after/);
    expect(sv('r1')).toMatch(/^down: /);
    await term.waitFor(/^r1 +down /m);
  });
});
