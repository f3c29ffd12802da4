// ProcTable over a made-up /proc (a directory of PID/stat files): what a sweep reads afresh and
// what it keeps, descriptors kept and let go, CPU deltas per process, sessions and children.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcTable } from '../../src/resources/proc-table.js';

const proc = mkdtempSync(join(tmpdir(), 'svtui-proc-'));
afterAll(() => rmSync(proc, { recursive: true, force: true }));

function put(pid: number, sid: number, ticks: number, ppid = 1, starttime = pid): void {
  mkdirSync(join(proc, String(pid)), { recursive: true });
  const stat =
    `${pid} (p${pid}) S ${ppid} ${sid} ${sid} 0 -1 0 0 0 0 0 ${ticks} 0 0 0 20 0 1 0 ${starttime} ` +
    '1000 10 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n';
  writeFileSync(join(proc, String(pid), 'stat'), stat);
}
const ticksOf = (table: ProcTable, pids: number[]) =>
  Object.fromEntries(pids.flatMap((pid) => (table.get(pid) ? [[pid, table.get(pid)!.ticks]] : [])));
const sessionOf = (table: ProcTable, sid: number) => {
  const out: number[] = [];
  for (let p = table.session(sid); p; p = p.nextInSession) out.push(p.pid);
  return out.sort();
};
const childrenOf = (table: ProcTable, pid: number) => {
  const out: number[] = [];
  for (let c = table.firstChild(table.get(pid)!); c; c = c.nextSibling) out.push(c.pid);
  return out.sort();
};
const all = [100, 101, 102, 200, 300];

describe('ProcTable', () => {
  const table = new ProcTable({ proc, refreshEvery: 3 });
  afterAll(() => table.close());
  const watch = () => {
    table.watch(100);
    table.watch(200);
  };

  it('reads every process on the first sweep, keeps their descriptors, has no CPU yet', () => {
    put(100, 100, 1); // a service's run
    put(101, 100, 1, 100); // its child
    put(200, 1, 1); // a main pid not yet in its own session
    put(300, 300, 1); // someone else's process, in its own session
    mkdirSync(join(proc, 'self'), { recursive: true });
    watch();
    table.sweep(0);
    expect(ticksOf(table, all)).toEqual({ 100: 1, 101: 1, 200: 1, 300: 1 });
    expect(table.openDescriptors).toBe(4);
    expect(table.cpuKnown).toBe(false);
    expect(sessionOf(table, 100)).toEqual([100, 101]);
    expect(childrenOf(table, 100)).toEqual([101]);
  });

  it('reads watched sessions and pids afresh, keeps the others, and counts ticks per process', () => {
    put(100, 100, 5);
    put(101, 100, 5, 100);
    put(200, 1, 5); // in session 1: that session is watched too (daemontools' supervise)
    put(300, 300, 5);
    put(102, 100, 7, 101); // born since: read at once, all its ticks in the interval
    watch();
    table.sweep(2000);
    expect(ticksOf(table, all)).toEqual({ 100: 5, 101: 5, 102: 7, 200: 5, 300: 1 });
    expect(table.cpuKnown).toBe(true);
    const p100 = table.get(100)!;
    expect([p100.deltaTicks, p100.deltaMs, table.fresh(p100)]).toEqual([4, 2000, true]);
    expect([table.get(102)!.deltaTicks, table.get(102)!.deltaMs]).toEqual([7, 2000]);
    expect(table.fresh(table.get(300)!)).toBe(false);
    expect(sessionOf(table, 100)).toEqual([100, 101, 102]);
    expect(childrenOf(table, 101)).toEqual([102]);
  });

  it('reads everyone every refreshEvery sweeps, and forgets the dead', () => {
    rmSync(join(proc, '101'), { recursive: true });
    watch();
    table.sweep(4000);
    expect(ticksOf(table, all)).toEqual({ 100: 5, 102: 7, 200: 5, 300: 1 });
    expect(table.openDescriptors).toBe(4);
    expect(childrenOf(table, 100)).toEqual([]);
    watch();
    table.sweep(6000); // the fourth sweep: 1 + refreshEvery
    expect(ticksOf(table, all)[300]).toBe(5);
    expect(table.get(300)!.deltaMs).toBe(6000); // since its own last read
  });

  it('opens and closes beyond maxOpen, sees a reused pid as new, and reads all on demand', () => {
    const small = new ProcTable({ proc, maxOpen: 1 });
    small.sweep(0, true);
    expect(Object.keys(ticksOf(small, all))).toEqual(['100', '102', '200', '300']);
    expect(small.openDescriptors).toBe(1);
    put(300, 300, 9, 1, 777); // another process took pid 300
    small.sweep(1000, true);
    expect(ticksOf(small, all)[300]).toBe(9);
    expect(small.get(300)!.deltaTicks).toBe(9);
    small.close();
    expect(small.openDescriptors).toBe(0);
    const none = new ProcTable({ proc: join(proc, 'none') });
    none.sweep(0);
    expect(none.get(100)).toBeUndefined();
  });
});
