// The sampler's kept-open /proc descriptors on real processes: a service restarted 50 times (its
// pid exits, a new one takes its place) is measured as the new process every time, never with a
// figure of the one before, and the sampler holds as many descriptors after the restarts as
// before them. Whether a sweep lists /proc or only reads its table again depends on whether
// anything on the box forked meanwhile: both ways must give the same answers. And over a made-up
// /proc with a loadavg file: a sweep lists /proc only when its last pid moved, and still finds a
// watched pid missing from the table.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcTable } from '../../src/resources/proc-table.js';
import { ResourceSampler } from '../../src/resources/sampler.js';
import { startProcess, stopProcess, waitFor } from '../support/processes.js';

/** This process's open descriptors: /proc/PID/stat ones by pid, and how many others. */
const openFds = () => {
  const statOf = new Set<number>();
  let others = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // the directory's own descriptor, closed by now
    }
    const m = /^\/proc\/(\d+)\/stat$/.exec(target);
    if (m) statOf.add(Number(m[1]));
    else others++;
  }
  return { statOf, others };
};
const children = (pid: number): number[] => {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1');
    return text.split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
const deadOrZombie = (pid: number) => {
  try {
    return /^\d+ \(.*\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return true;
  }
};
/** `sleep`, exec'd and asleep (its pages mapped: just after exec, RSS still reads 0). */
const isSleep = (pid: number) => {
  try {
    return /^\d+ \(sleep\) S /.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
};

describe('ResourceSampler: kept descriptors across restarts', () => {
  it('measures each new pid afresh and leaks no descriptor over 50 restarts', async () => {
    const sampler = new ResourceSampler({ pssEvery: 1_000_000 });
    // Every other run is a shell with two children: a figure kept from the run before would
    // show the wrong number of processes.
    // No pipes to this process: a killed run's stdout and stderr close after its exit event, so
    // they would count among this process's descriptors at a moment of their own.
    const start = (i: number) =>
      i % 2 === 0
        ? startProcess('sleep', ['1000'], { stdio: 'ignore' })
        : startProcess('sh', ['-c', 'sleep 1000 & sleep 1000 & wait'], { stdio: 'ignore' });
    const settled = async (i: number, pid: number) =>
      i % 2 === 0
        ? waitFor(() => isSleep(pid))
        : waitFor(() => children(pid).length === 2 && children(pid).every(isSleep));
    // A steady neighbour, sampled throughout: its figures go on from sweep to sweep.
    const steady = startProcess('sleep', ['1000'], { stdio: 'ignore' });
    let service = start(0);
    try {
      await waitFor(() => isSleep(steady.pid!));
      await settled(0, service.pid!);
      const refs = () => [
        { id: 'steady', pid: steady.pid! },
        { id: 'service', pid: service.pid! },
      ];
      sampler.sample(refs());
      sampler.sample(refs());
      const before = openFds();
      expect(before.statOf.has(service.pid!)).toBe(true);
      const dead: number[] = [];
      for (let i = 1; i <= 50; i++) {
        const old = service.pid!;
        const left = children(old);
        dead.push(old, ...left);
        await stopProcess(service, 'SIGKILL'); // its process group: the shell's children too
        await waitFor(() => left.every(deadOrZombie)); // dead, if maybe not reaped yet
        // The dead pid, sampled once more (a supervisor's sweep can come before it notices).
        const [, gone] = sampler.sample([
          { id: 'steady', pid: steady.pid! },
          { id: 'service', pid: old },
        ]);
        expect(gone?.main).toBeUndefined();
        expect(gone?.tree.rssKB).toBe(0); // the shell's children may linger as zombies
        service = start(i);
        await settled(i, service.pid!);
        const [still, fresh] = sampler.sample(refs());
        expect(still?.main).toBeDefined();
        expect(still?.tree.processes).toBe(1);
        expect(fresh?.pid).toBe(service.pid);
        expect(fresh?.tree.processes).toBe(i % 2 === 0 ? 1 : 3);
        expect(fresh?.main?.children).toBe(i % 2 === 0 ? 0 : 2);
        expect(fresh?.main?.threads).toBe(1);
        expect(fresh?.main?.rssKB).toBeGreaterThan(0);
        // A process first seen this sweep was born since the one before: all its ticks count.
        expect(fresh?.main?.cpu).toBeGreaterThanOrEqual(0);
      }
      // Other processes of the box come and go meanwhile (the sampler keeps a descriptor for
      // each): the services' are exact. Every dead one's is closed — but for a killed shell's
      // children while they are zombies still in /proc (an init that reaps late) — the steady
      // neighbour's and the last run's are open, and no descriptor of another kind was left.
      const after = openFds();
      const inProc = (pid: number) => existsSync(`/proc/${pid}`);
      expect(dead.filter((pid) => after.statOf.has(pid) && !inProc(pid))).toEqual([]);
      expect(after.statOf.has(steady.pid!)).toBe(true);
      expect(after.statOf.has(service.pid!)).toBe(true);
      expect(after.others).toBe(before.others);
      sampler.close();
      expect(sampler.openDescriptors).toBe(0);
      expect(openFds().statOf.size).toBe(0);
    } finally {
      sampler.close();
      await stopProcess(service, 'SIGKILL');
      await stopProcess(steady, 'SIGKILL');
    }
  });
});

describe('ProcTable: listing /proc only when a pid was handed out', () => {
  const proc = mkdtempSync(join(tmpdir(), 'svtui-proc-'));
  afterAll(() => rmSync(proc, { recursive: true, force: true }));
  const put = (pid: number, sid: number, ticks: number) => {
    mkdirSync(join(proc, String(pid)), { recursive: true });
    writeFileSync(
      join(proc, String(pid), 'stat'),
      `${pid} (p${pid}) S 1 ${sid} ${sid} 0 -1 0 0 0 0 0 ${ticks} 0 0 0 20 0 1 0 ${pid} ` +
        '1000 10 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n',
    );
  };
  const loadavg = (lastPid: number) =>
    writeFileSync(join(proc, 'loadavg'), `0.10 0.20 0.30 1/120 ${lastPid}\n`);

  it('reads the table again while the last pid stays, and lists /proc once it moves', () => {
    const table = new ProcTable({ proc, refreshEvery: 1000 });
    try {
      put(100, 100, 1);
      put(200, 200, 1);
      loadavg(200);
      table.watch(100);
      table.sweep(0); // the first sweep lists everything
      expect([table.get(100)?.ticks, table.get(200)?.ticks]).toEqual([1, 1]);

      put(100, 100, 4); // watched: read again from its kept descriptor
      put(300, 300, 1); // a newcomer the kernel did not announce (a made-up /proc can do that)
      table.watch(100);
      table.sweep(2000);
      expect(table.get(100)?.ticks).toBe(4);
      expect(table.get(100)?.deltaTicks).toBe(3);
      expect(table.get(300)).toBeUndefined();

      put(400, 400, 2); // a watched pid missing from the table is looked for all the same
      table.watch(100);
      table.watch(400);
      table.sweep(4000);
      expect(table.get(400)?.ticks).toBe(2);
      expect(table.session(400)?.pid).toBe(400);
      expect(table.get(300)).toBeUndefined();

      loadavg(300); // the kernel handed out pids: /proc is listed
      table.watch(100);
      table.sweep(6000);
      expect(table.get(300)?.ticks).toBe(1);
    } finally {
      table.close();
    }
  });
});
