// The console attached to svtui's own supervisor (`svtui scan`): restarts and the last exit come
// from its restart record (supervise/svtui-history), which daemontools and runit do not keep.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, waitFor } from '../support/processes.js';
import { cli, haveTools, tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

describe.skipIf(!haveTools('tmux'))('console attached to svtui scan', () => {
  const tree = join(tempDir('svtui-e2e-scan-'), 'service');
  let term: Terminal | undefined;
  afterAll(() => term?.close());

  beforeAll(async () => {
    for (const [name, run] of [
      ['flaky', 'echo "flaky: boom"; exit 3'],
      ['calm', 'exec sleep 1000'],
    ] as const) {
      mkdirSync(join(tree, name), { recursive: true });
      writeFileSync(join(tree, name, 'run'), `#!/bin/sh\n${run}\n`);
      chmodSync(join(tree, name, 'run'), 0o755);
    }
    startProcess(process.execPath, [cli, 'scan', tree]); // stopped by pid when the file ends
    // Start the console only once scan holds the tree: before that, nothing supervises it and a
    // console given DIR would become its supervisor (embedded) instead of attaching.
    await waitFor(
      () => ['flaky', 'calm'].every((n) => existsSync(join(tree, n, 'supervise/ok'))),
      8000,
    );
  });

  it('shows restarts and the last exit code from the restart record', async () => {
    term = new Terminal([process.execPath, cli, tree], { columns: 120, rows: 40 });
    const screen = await term.waitFor(/^flaky +\S+ .* [1-9]\d* exit 3 /m, 10000);
    expect(screen).toMatch(/^svtui attached · /m);
    expect(screen).toMatch(/^calm +up +\d+ /m);
  });
});
