// Unit tests of src/resources/figures.ts: sweeps made up by hand, no processes.
import { describe, expect, it } from 'vitest';
import { measureServices, SweepIndex, type Sweep } from '../../src/resources/figures.js';
import type { ProcStat } from '../../src/resources/proc-parse.js';

const units = { clockTicks: 100, pageSize: 4096 };
const proc = (
  pid: number,
  ppid: number,
  sid: number,
  ticks: number,
  more: Partial<ProcStat> = {},
) =>
  ({ pid, ppid, sid, ticks, threads: 1, starttime: pid * 10, rssPages: 256, ...more }) as ProcStat;
const sweep = (at: number, procs: ProcStat[]): Sweep & { index: SweepIndex } => ({
  at,
  procs,
  index: new SweepIndex(procs),
});

// Service a: run (100, session leader) → sh (101) → worker (102); 103 escaped with its own setsid.
// Service b: daemontools-style run 200 in the supervisor's session 1, child 201.
const first = sweep(0, [
  proc(1, 0, 1, 0),
  proc(100, 1, 100, 1000),
  proc(101, 100, 100, 50, { threads: 4 }),
  proc(102, 101, 100, 0),
  proc(103, 101, 103, 0),
  proc(200, 1, 1, 10),
  proc(201, 200, 1, 10),
]);

describe('measureServices', () => {
  it('has no CPU on the first sweep, and PSS only after a PSS pass', () => {
    const [a] = measureServices([{ id: 'a', pid: 100 }], first, undefined, units, undefined);
    expect(a).toEqual({
      id: 'a',
      pid: 100,
      main: { rssKB: 1024, threads: 1, children: 1 },
      tree: { rssKB: 3072, threads: 6, children: 2, processes: 3 },
    });
  });

  it('measures CPU top-style from tick deltas over the wall time, per main and tree', () => {
    const second = sweep(2000, [
      proc(1, 0, 1, 0),
      proc(100, 1, 100, 1200), // 200 ticks in 2 s: one core
      proc(101, 100, 100, 150), // 100 ticks: half a core
      proc(104, 101, 100, 30), // born since: all of its 30 ticks
      proc(200, 1, 1, 10),
      proc(201, 200, 1, 10),
    ]);
    const [a, b] = measureServices(
      [
        { id: 'a', pid: 100 },
        { id: 'b', pid: 200 },
      ],
      second,
      first,
      units,
      undefined,
    );
    expect(a?.main?.cpu).toBeCloseTo(100);
    expect(a?.tree.cpu).toBeCloseTo(165);
    expect(a?.tree.processes).toBe(3);
    expect(b?.tree).toMatchObject({ processes: 2, children: 1, cpu: 0 });
  });

  it('does not carry ticks over a reused pid', () => {
    const reused = sweep(1000, [proc(100, 1, 100, 20, { starttime: 99999 })]);
    const [a] = measureServices([{ id: 'a', pid: 100 }], reused, first, units, undefined);
    expect(a?.main?.cpu).toBeCloseTo(20);
  });

  it('keeps counting what a dead run left behind in its session', () => {
    const left = sweep(2000, [proc(101, 1, 100, 50), proc(102, 101, 100, 0)]);
    const [a] = measureServices([{ id: 'a', pid: 100 }], left, first, units, undefined);
    expect(a?.main).toBeUndefined();
    expect(a?.tree).toMatchObject({ processes: 2, children: 2, cpu: 0 });
    const [down] = measureServices([{ id: 'd', pid: 0 }], left, first, units, undefined);
    expect(down?.tree).toEqual({ rssKB: 0, threads: 0, children: 0, processes: 0, cpu: 0 });
  });

  it('sums PSS where known and stands RSS in for a process the pass has not seen', () => {
    const pss = new Map([
      [100, { starttime: 1000, kb: 300 }],
      [101, { starttime: 1, kb: 5 }], // another process that had pid 101
    ]);
    const [a] = measureServices([{ id: 'a', pid: 100 }], first, undefined, units, pss);
    expect(a?.main?.pssKB).toBe(300);
    expect(a?.tree.pssKB).toBe(300 + 1024 + 1024);
  });
});
