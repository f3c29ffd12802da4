// PSS read again only where it can have moved: over a made-up /proc, a process whose RSS is
// unchanged keeps its PSS figure until it is `maxAge` sweeps old; one whose RSS moved is read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ProcTable } from '../../src/resources/proc-table.js';

const proc = mkdtempSync(join(tmpdir(), 'svtui-proc-'));
afterAll(() => rmSync(proc, { recursive: true, force: true }));

function put(pid: number, rssPages: number, pssKB: number): void {
  mkdirSync(join(proc, String(pid)), { recursive: true });
  const stat =
    `${pid} (p${pid}) S 1 ${pid} ${pid} 0 -1 0 0 0 0 0 1 0 0 0 20 0 1 0 ${pid} ` +
    `1000 ${rssPages} 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n`;
  writeFileSync(join(proc, String(pid), 'stat'), stat);
  writeFileSync(
    join(proc, String(pid), 'smaps_rollup'),
    `Rss: ${rssPages * 4} kB\nPss: ${pssKB} kB\n`,
  );
}

it('reads PSS again when RSS moved or the figure is maxAge sweeps old, not otherwise', () => {
  const table = new ProcTable({ proc });
  try {
    put(100, 10, 30);
    mkdirSync(join(proc, 'self'), { recursive: true });
    const sweep = () => {
      table.watch(100);
      table.sweep(0);
      table.refreshPss(table.get(100)!, 3);
      return table.get(100)!.pssKB;
    };
    expect(sweep()).toBe(30); // the first read
    put(100, 10, 35); // shared pages moved, resident pages did not
    expect(sweep()).toBe(30);
    expect(sweep()).toBe(30);
    expect(sweep()).toBe(35); // three sweeps old: read again
    put(100, 12, 44); // it grew
    expect(sweep()).toBe(44);
  } finally {
    table.close();
  }
});
