// A service whose directory leaves the tree while it runs goes on running (svscan and svtui scan
// keep supervising it): the console keeps it, marked removed, and can still stop it — through the
// running process's directory — until it is gone.
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalSource, localId } from '../../../src/source/local/index.js';
import type { ServiceEntry } from '../../../src/source/port.js';
import { startProcess, waitFor } from '../../support/processes.js';
import { cli, tempDir } from '../../support/tools.js';

describe('a removed service directory', () => {
  let source: LocalSource | undefined;
  afterAll(async () => source?.close());

  it('stays, marked removed, with its actions, until its process is gone', async () => {
    const base = tempDir('svtui-removed-');
    const tree = join(base, 'service');
    for (const name of ['alpha', 'beta']) {
      mkdirSync(join(tree, name), { recursive: true });
      writeFileSync(join(tree, name, 'run'), '#!/bin/sh\nexec sleep 1000\n');
      chmodSync(join(tree, name, 'run'), 0o755);
    }
    startProcess(process.execPath, [cli, 'scan', tree]); // stopped by pid when the file ends
    await waitFor(() => existsSync(join(tree, 'beta/supervise/ok')), 8000);
    source = new LocalSource(tree, { explicit: false, times: { listMs: 60_000 } });
    let entries: readonly ServiceEntry[] = await source.list();
    source.watch((c) => {
      if (c.kind === 'services') entries = c.entries;
    });
    await waitFor(async () => (await source!.read(localId('beta')))?.observation.status?.pid, 8000);
    renameSync(join(tree, 'beta'), join(base, 'beta-elsewhere'));
    await waitFor(() => entries.some((e) => e.name === 'beta' && e.removed), 3000);
    expect(entries.find((e) => e.name === 'alpha')?.removed).toBeUndefined();
    // Its actions still reach its supervisor: down it goes, and then it leaves the table.
    expect(await source.control(localId('beta'), 'd')).toEqual({ ok: true });
    await waitFor(() => {
      const status = join(base, 'beta-elsewhere/supervise/status');
      return existsSync(status);
    }, 3000);
    mkdirSync(join(tree, 'gamma')); // any change to the tree lists it again
    await waitFor(() => !entries.some((e) => e.name === 'beta'), 8000);
  });
});
