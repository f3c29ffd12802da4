// The library the console embeds: startSupervisor, onChange, services(), stop().
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSupervisor } from '../../src/supervisor/index.js';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import { alive, makeService, readStatus, remember, waitUp } from './helpers.js';

describe('startSupervisor', () => {
  const tree = tempDir();
  const elsewhere = tempDir();

  it('rejects a missing directory with one line', async () => {
    await expect(startSupervisor({ dir: join(tree, 'nope') })).rejects.toThrow(
      new Error(`unable to chdir to ${join(tree, 'nope')}: file does not exist`),
    );
  });

  it('supervises, reports changes and removals, refuses a second owner, stops everything', async () => {
    makeService(tree, 'plain', { run: 'exec sleep 100' });
    makeService(tree, 'stubborn', { run: 'trap "" TERM; exec sleep 100' });
    makeService(tree, 'moved', { run: 'exec sleep 100' });
    const lines: string[] = [];
    const supervisor = await startSupervisor({
      dir: tree,
      stderr: (line) => lines.push(line),
      graceMs: 300,
      inheritStdio: false,
    });
    const changed = new Set<string>();
    const unsubscribe = supervisor.onChange((name) => changed.add(name));
    const pids = await Promise.all(
      ['plain', 'stubborn', 'moved'].map((n) => waitUp(join(tree, n))),
    );
    pids.forEach(remember);

    await expect(startSupervisor({ dir: tree, stderr: () => {} })).rejects.toThrow(
      /^unable to acquire (plain|stubborn|moved)\/supervise\/lock: temporary failure$/,
    );

    process.kill(pids[0]!, 'SIGKILL');
    await waitFor(() => changed.has('plain'));

    renameSync(join(tree, 'stubborn'), join(tree, 'renamed'));
    await supervisor.rescan();
    // Identified by device and inode, as svscan does: a rename restarts nothing.
    expect(readStatus(join(tree, 'renamed'))?.pid).toBe(pids[1]);
    expect(supervisor.services().find((s) => s.pid === pids[1])).toMatchObject({
      name: 'renamed',
      removed: false,
    });

    renameSync(join(tree, 'moved'), join(elsewhere, 'moved'));
    await supervisor.rescan();
    const moved = supervisor.services().find((s) => s.name === 'moved');
    expect(moved).toMatchObject({ removed: true, phase: 'up', pid: pids[2] });
    expect(supervisor.services().map((s) => s.name)).toEqual(['moved', 'plain', 'renamed']);
    unsubscribe();

    await supervisor.stop();
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(lines).toEqual([]);
  });
});
