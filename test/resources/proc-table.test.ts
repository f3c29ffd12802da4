// ProcTable over a made-up /proc (a directory of PID/stat files): what a sweep reads afresh and
// what it keeps, descriptors kept and let go.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcTable } from '../../src/resources/proc-table.js';

const proc = mkdtempSync(join(tmpdir(), 'svtui-proc-'));
afterAll(() => rmSync(proc, { recursive: true, force: true }));

function put(pid: number, sid: number, ticks: number): void {
  mkdirSync(join(proc, String(pid)), { recursive: true });
  const stat =
    `${pid} (p${pid}) S 1 ${sid} ${sid} 0 -1 0 0 0 0 0 ${ticks} 0 0 0 20 0 1 0 ${pid} ` +
    '1000 10 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n';
  writeFileSync(join(proc, String(pid), 'stat'), stat);
}
const ticksOf = (table: ReturnType<ProcTable['sweep']>) =>
  Object.fromEntries(table.map((p) => [p.pid, p.ticks]));

describe('ProcTable', () => {
  const table = new ProcTable({ proc, refreshEvery: 3 });
  afterAll(() => table.close());
  const watch = { sids: new Set([100]), pids: new Set([200]) };

  it('reads every process on the first sweep and keeps their descriptors', () => {
    put(100, 100, 1); // a service's run
    put(101, 100, 1); // its child
    put(200, 1, 1); // a main pid not yet in its own session
    put(300, 1, 1); // someone else's process
    mkdirSync(join(proc, 'self'), { recursive: true });
    expect(ticksOf(table.sweep(watch))).toEqual({ 100: 1, 101: 1, 200: 1, 300: 1 });
    expect(table.openDescriptors).toBe(4);
  });

  it('reads watched sessions and pids afresh, keeps the others as they were', () => {
    for (const pid of [100, 101, 200, 300]) put(pid, pid === 101 ? 100 : pid < 200 ? 100 : 1, 5);
    put(102, 100, 7); // born since: read at once
    expect(ticksOf(table.sweep(watch))).toEqual({ 100: 5, 101: 5, 102: 7, 200: 5, 300: 1 });
  });

  it('reads everyone every refreshEvery sweeps, and forgets the dead', () => {
    rmSync(join(proc, '101'), { recursive: true });
    expect(ticksOf(table.sweep(watch))).toEqual({ 100: 5, 102: 7, 200: 5, 300: 1 });
    expect(table.openDescriptors).toBe(4);
    expect(ticksOf(table.sweep(watch))[300]).toBe(5); // the fourth sweep: 1 + refreshEvery
  });

  it('opens and closes beyond maxOpen, and reads all without a watch', () => {
    const small = new ProcTable({ proc, maxOpen: 1 });
    expect(Object.keys(ticksOf(small.sweep()))).toEqual(['100', '102', '200', '300']);
    expect(small.openDescriptors).toBe(1);
    put(300, 1, 9);
    expect(ticksOf(small.sweep())[300]).toBe(9);
    small.close();
    expect(small.openDescriptors).toBe(0);
    expect(new ProcTable({ proc: join(proc, 'none') }).sweep()).toEqual([]);
  });
});
