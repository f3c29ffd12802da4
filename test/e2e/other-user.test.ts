// The console run by another user (nobody, through setpriv) on a tree root supervises with the real
// daemontools svscan: supervise/ is root's (0700), so every service is "no access" rather than an
// error, the log service "denied", and a log directory it may not read is said to be unreadable.
// nobody runs a world-readable copy of the program: the checkout may sit where it cannot reach.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, waitFor } from '../support/processes.js';
import {
  asNobody,
  canRunAsOtherUser,
  installForOtherUsers,
  type GuestInstall,
} from '../support/other-user.js';
import { tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

const ready = canRunAsOtherUser('svscan', 'supervise', 'multilog', 'setpriv', 'tmux');

describe.skipIf(!ready)('console as another user on a root-supervised tree', () => {
  const root = tempDir('svtui-e2e-other-');
  const tree = join(root, 'service');
  let term: Terminal | undefined;
  let guest: GuestInstall | undefined;
  afterAll(() => {
    term?.close();
    guest?.remove();
  });

  beforeAll(async () => {
    guest = installForOtherUsers();
    chmodSync(root, 0o755);
    const dir = join(tree, 'alpha');
    mkdirSync(join(dir, 'log'), { recursive: true });
    writeFileSync(join(dir, 'run'), '#!/bin/sh\nexec 2>&1\necho hello; exec sleep 1000\n');
    writeFileSync(join(dir, 'log/run'), '#!/bin/sh\nexec multilog t ./main\n');
    chmodSync(join(dir, 'run'), 0o755);
    chmodSync(join(dir, 'log/run'), 0o755);
    startProcess('svscan', [tree], { cwd: root }); // stopped by pid when the file ends
    await waitFor(() => existsSync(join(dir, 'log/main/current')), 8000);
    chmodSync(join(dir, 'log/main'), 0o700);
    term = new Terminal([...asNobody, process.execPath, guest.cli, tree], {
      columns: 80,
      rows: 24,
      env: { NO_COLOR: '1' },
      cwd: guest.dir,
    });
  });

  it('says "no access" and why the log pane is empty, not errors', async () => {
    const screen = await term!.waitFor(/^▶ SERVICE/m);
    expect(screen).toMatch(/^svtui attached read-only · /m);
    // At 80 columns the LOG column ("denied") makes room for CPU%, MEM and HEALTH; the log
    // pane below says why it is empty.
    await term!.waitFor(/^alpha +no access\b/m);
    const now = await term!.waitFor('(log directory not readable: permission denied)');
    expect(now).not.toMatch(/error|unable to open|no log files yet/);
    expect(now).toMatch(/ · 1 service +zone /);
    term!.keys('q');
    await term!.waitFor(/\[exited 0\]/);
  });
});
