// Every start and exit of every service is an event in its supervise/svtui-events, written by
// the supervisor whether or not the service has rules: the exit code or the signal, the pid —
// what `svtui events`, the console's service view and its log markers answer "why did it
// restart?" with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodeEvents } from '../../src/health/index.js';
import { startSupervisor } from '../../src/supervisor/index.js';
import { waitFor } from '../support/processes.js';
import { tempDir } from '../support/tools.js';
import { makeService } from './helpers.js';

it('writes each start and each exit (code or signal) of a service without rules', async () => {
  const tree = tempDir();
  makeService(tree, 'crashy', { run: 'exit 3' });
  makeService(tree, 'killed', { run: 'kill -KILL $$' });
  const supervisor = await startSupervisor({ dir: tree, stderr: () => {}, graceMs: 300 });
  const read = (name: string) => {
    try {
      return decodeEvents(readFileSync(join(tree, name, 'supervise', 'svtui-events'), 'utf8'));
    } catch {
      return [];
    }
  };
  try {
    // Restarted a second apart: two rounds of start and exit each.
    const crashy = await waitFor(() => {
      const all = read('crashy');
      return all.filter((e) => e.kind === 'exit').length >= 2 ? all : undefined;
    }, 8000);
    expect(crashy!.slice(0, 4).map((e) => e.kind)).toEqual(['start', 'exit', 'start', 'exit']);
    const [start, exit] = crashy!;
    expect(exit).toMatchObject({ service: 'crashy', kind: 'exit', code: 3, text: 'exited 3' });
    expect(exit!.pid).toBe(start!.pid);
    const killed = await waitFor(() => read('killed').find((e) => e.kind === 'exit'), 8000);
    expect(killed).toMatchObject({ kind: 'exit', signal: 'KILL', text: 'killed by KILL' });
    expect(killed!.code).toBeUndefined();
  } finally {
    await supervisor.stop();
  }
}, 20_000);
