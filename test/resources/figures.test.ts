// Unit tests of src/resources/figures.ts: a ProcTable swept over a /proc made up by hand (a
// directory of PID/stat files), no processes.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureServices } from '../../src/resources/figures.js';
import { ProcTable } from '../../src/resources/proc-table.js';

const units = { clockTicks: 100, pageSize: 4096 };
const roots: string[] = [];
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface P {
  pid: number;
  ppid: number;
  sid: number;
  ticks: number;
  threads?: number;
  starttime?: number;
}
/** A /proc holding these processes (256 resident pages each), replacing what it held: stat files
 * rewritten in place, so that the table's kept descriptors read the new lines. */
function procfs(dir: string | undefined, procs: P[]): string {
  const root = dir ?? mkdtempSync(join(tmpdir(), 'svtui-figures-'));
  if (!dir) roots.push(root);
  else
    for (const name of readdirSync(root))
      if (!procs.some((q) => String(q.pid) === name)) rmSync(join(root, name), { recursive: true });
  for (const { pid, ppid, sid, ticks, threads = 1, starttime = pid * 10 } of procs) {
    mkdirSync(join(root, String(pid)), { recursive: true });
    const stat =
      `${pid} (p) S ${ppid} ${sid} ${sid} 0 -1 0 0 0 0 0 ${ticks} 0 0 0 20 0 ${threads} 0 ` +
      `${starttime} 1000 256 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n`;
    writeFileSync(join(root, String(pid), 'stat'), stat);
  }
  return root;
}
const p = (pid: number, ppid: number, sid: number, ticks: number, more: Partial<P> = {}): P => ({
  pid,
  ppid,
  sid,
  ticks,
  ...more,
});

// Service a: run (100, session leader) → sh (101) → worker (102); 103 escaped with its own setsid.
// Service b: daemontools-style run 200 in the supervisor's session 1, child 201.
const first = [
  p(1, 0, 1, 0),
  p(100, 1, 100, 1000),
  p(101, 100, 100, 50, { threads: 4 }),
  p(102, 101, 100, 0),
  p(103, 101, 103, 0),
  p(200, 1, 1, 10),
  p(201, 200, 1, 10),
];
const services = [
  { id: 'a', pid: 100 },
  { id: 'b', pid: 200 },
];
function tableAt(procs: P[]): { table: ProcTable; root: string } {
  const root = procfs(undefined, procs);
  const table = new ProcTable({ proc: root });
  services.forEach((s) => table.watch(s.pid));
  table.sweep(0);
  return { table, root };
}
function sweepAgain(table: ProcTable, root: string, at: number, procs: P[]): void {
  procfs(root, procs);
  services.forEach((s) => table.watch(s.pid));
  table.sweep(at);
}

describe('measureServices', () => {
  it('has no CPU on the first sweep, and PSS only after a PSS pass', () => {
    const { table } = tableAt(first);
    const [a, b] = measureServices(services, table, units, false);
    expect(a).toEqual({
      id: 'a',
      pid: 100,
      main: { rssKB: 1024, threads: 1, children: 1 },
      tree: { rssKB: 3072, threads: 6, children: 2, processes: 3 },
    });
    expect(b?.tree).toMatchObject({ processes: 2, children: 1 }); // 200 and its child, not 1
    table.close();
  });

  it('measures CPU top-style from tick deltas over the wall time, per main and tree', () => {
    const { table, root } = tableAt(first);
    sweepAgain(table, root, 2000, [
      p(1, 0, 1, 0),
      p(100, 1, 100, 1200), // 200 ticks in 2 s: one core
      p(101, 100, 100, 150), // 100 ticks: half a core
      p(104, 101, 100, 30), // born since: all of its 30 ticks
      p(200, 1, 1, 10),
      p(201, 200, 1, 10),
    ]);
    const [a, b] = measureServices(services, table, units, false);
    expect(a?.main?.cpu).toBeCloseTo(100);
    expect(a?.tree.cpu).toBeCloseTo(165);
    expect(a?.tree.processes).toBe(3);
    expect(b?.tree).toMatchObject({ processes: 2, children: 1, cpu: 0 });
    table.close();
  });

  it('does not carry ticks over a reused pid', () => {
    const { table, root } = tableAt(first);
    table.close();
    // A kept descriptor of a dead process fails (ESRCH): the pid is read as new. A made-up /proc
    // cannot fail it, but a process read without a kept descriptor shows the same path.
    const fresh = new ProcTable({ proc: root, maxOpen: 0 });
    fresh.sweep(0);
    procfs(root, [p(100, 1, 100, 40, { starttime: 5 })]);
    fresh.sweep(1000, true);
    expect(measureServices(services, fresh, units, false)[0]?.main?.cpu).toBeCloseTo(40);
  });

  it('keeps counting what a dead run left behind in its session', () => {
    const { table, root } = tableAt(first);
    sweepAgain(table, root, 2000, [p(101, 1, 100, 50), p(102, 101, 100, 0)]);
    const [a] = measureServices(services, table, units, false);
    expect(a?.main).toBeUndefined();
    expect(a?.tree).toMatchObject({ processes: 2, children: 2, cpu: 0 });
    const [down] = measureServices([{ id: 'd', pid: 0 }], table, units, false);
    expect(down?.tree).toEqual({ rssKB: 0, threads: 0, children: 0, processes: 0, cpu: 0 });
    table.close();
  });

  it('sums PSS where known and stands RSS in for a process the pass has not seen', () => {
    const { table } = tableAt(first);
    table.get(100)!.pssKB = 300;
    const [a] = measureServices(services, table, units, true);
    expect(a?.main?.pssKB).toBe(300);
    expect(a?.tree.pssKB).toBe(300 + 1024 + 1024);
    table.close();
  });
});
