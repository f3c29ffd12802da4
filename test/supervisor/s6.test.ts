// svtui scan on a tree s6 owns: it must not start a second supervisor, must not stop s6's
// services as orphans, and s6's tools must go on working — with the real s6-svscan and
// s6-supervise. And the other way round: s6-supervise cannot take a service svtui scan holds.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeSupervisorKind, probeTreeOwner } from '../../src/control/index.js';
import { startSupervisor } from '../../src/supervisor/index.js';
import { waitFor } from '../support/processes.js';
import { haveTools, runCli, runSync, tempDir } from '../support/tools.js';
import {
  alive,
  S6_TOOLS,
  s6ok,
  s6Pid,
  startS6Supervise,
  startS6Svscan,
  stopS6,
} from '../control/s6-live.js';
import { makeService, remember, startScan, waitUp } from './helpers.js';

const present = haveTools(...S6_TOOLS);

/** Every pid of the tree: the s6-supervise processes (pid from their lock) and the services. */
function treePids(tree: string, names: string[]): { supervisors: number[]; services: number[] } {
  const supervisors = names.map((n) => probeSupervisorKind(join(tree, n)).pid ?? 0);
  const services = names.map((n) => s6Pid(join(tree, n)));
  for (const pid of [...supervisors, ...services]) remember(pid);
  return { supervisors, services };
}

describe.skipIf(!present)('svtui scan on a tree s6-svscan owns', () => {
  const names = ['a', 'b'];
  let tree = '';
  let svscan: ChildProcess | undefined;
  let before: ReturnType<typeof treePids> = { supervisors: [], services: [] };

  beforeAll(async () => {
    tree = tempDir('svtui-s6scan-');
    for (const n of names) makeService(tree, n, { run: 'exec sleep 1000' });
    svscan = await startS6Svscan(tree, names);
    before = treePids(tree, names);
  });
  afterAll(async () => {
    if (svscan) await stopS6(svscan, [...before.services, ...treePids(tree, names).services]);
  });

  it('the probe sees s6-svscan on the tree and s6-supervise on each service', () => {
    expect(probeTreeOwner(tree)).toEqual({ kind: 's6', running: true, pid: svscan?.pid });
    for (const [i, n] of names.entries()) {
      expect(probeSupervisorKind(join(tree, n))).toMatchObject({ kind: 's6', running: true });
      expect(before.supervisors[i]).toBeGreaterThan(1);
    }
  });

  it('svtui scan refuses with one line naming s6-svscan; s6 keeps every process', async () => {
    const scan = runCli(['scan', tree], { timeout: 20000 });
    expect(scan.status).toBe(111);
    expect(scan.stderr.toString()).toBe(
      `svtui scan: fatal: unable to supervise ${tree}: s6-svscan (pid ${svscan?.pid}) supervises it\n`,
    );
    expect(treePids(tree, names)).toEqual(before);
    for (const pid of [...before.supervisors, ...before.services]) expect(alive(pid)).toBe(true);
    for (const n of names) {
      const s6 = runSync(['s6-svstat', join(tree, n)]);
      expect(s6.status).toBe(0);
      expect(s6.stdout.toString()).toMatch(/^up \(pid \d+\) /);
    }
  });

  it('startSupervisor (the console embedding the supervisor) refuses the same way', async () => {
    await expect(startSupervisor({ dir: tree, stderr: () => {} })).rejects.toThrow(
      /^unable to supervise .*: s6-svscan \(pid \d+\) supervises it$/,
    );
    expect(treePids(tree, names)).toEqual(before);
  });
});

describe.skipIf(!present)('svtui scan beside a lone s6-supervise', () => {
  let tree = '';
  let supervise: ChildProcess | undefined;
  let pid = 0;

  beforeAll(async () => {
    tree = tempDir('svtui-s6one-');
    makeService(tree, 'held', { run: 'exec sleep 1000' });
    makeService(tree, 'free', { run: 'exec sleep 1000' });
    supervise = await startS6Supervise(tree, 'held');
    pid = s6Pid(join(tree, 'held'));
    remember(pid);
  });
  afterAll(async () => {
    if (supervise) await stopS6(supervise, [pid, s6Pid(join(tree, 'held'))]);
  });

  it("refuses the tree: s6-supervise's record lock holds the service, as supervise's flock does", () => {
    const scan = runCli(['scan', tree], { timeout: 20000 });
    expect(scan.status).toBe(111);
    expect(scan.stderr.toString()).toBe(
      'svtui scan: fatal: unable to acquire held/supervise/lock: temporary failure\n',
    );
    expect(s6Pid(join(tree, 'held'))).toBe(pid);
    expect(alive(pid)).toBe(true);
    expect(runSync(['s6-svstat', join(tree, 'held')]).status).toBe(0);
    // nothing of svtui's was left on the free service either
    expect(probeSupervisorKind(join(tree, 'free')).running).toBe(false);
  });
});

describe.skipIf(!present)('s6-supervise on a tree svtui scan owns', () => {
  it('cannot take the lock: s6-svok says supervised, the probe says svtui', async () => {
    const tree = tempDir('svtui-s6rev-');
    const dir = makeService(tree, 'mine', { run: 'exec sleep 1000' });
    const scan = startScan(tree);
    try {
      const pid = await waitUp(dir);
      await waitFor(() => probeSupervisorKind(dir).running);
      expect(probeSupervisorKind(dir)).toEqual({
        kind: 'svtui',
        running: true,
        layout: 'daemontools',
      });
      expect(s6ok(dir)).toBe(true);
      const s6 = runSync(['s6-supervise', 'mine'], { cwd: tree, timeout: 5000 });
      expect(s6.status).not.toBe(0);
      expect(s6.signal).toBeNull();
      expect(s6.stderr.toString()).toMatch(/^s6-supervise mine: fatal: another instance/);
      expect(alive(pid)).toBe(true);
    } finally {
      scan.child.kill('SIGTERM');
      await scan.exited;
    }
  });
});
