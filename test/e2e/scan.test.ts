// The console attached to svtui's own supervisor (`svtui scan`): restarts and the last exit come
// from its restart record (supervise/svtui-history), which daemontools and runit do not keep.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTree } from '../support/scan-tree.js';
import { cli, haveTools, tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

describe.skipIf(!haveTools('tmux'))('console attached to svtui scan', () => {
  const tree = join(tempDir('svtui-e2e-scan-'), 'service');
  let term: Terminal | undefined;
  afterAll(() => term?.close());

  beforeAll(() =>
    scanTree(tree, [
      ['flaky', 'echo "flaky: boom"; exit 3'],
      ['calm', 'exec sleep 1000'],
    ] as const),
  );

  it('shows restarts and the last exit code from the restart record', async () => {
    term = new Terminal([process.execPath, cli, tree], { columns: 120, rows: 40 });
    const screen = await term.waitFor(/^flaky +\S+ .* [1-9]\d* exit 3 /m, 10000);
    expect(screen).toMatch(/^svtui attached · /m);
    expect(screen).toMatch(/^calm +up +\d+ /m);
  });
});
