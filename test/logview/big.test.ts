// A 50 MB current behind two rotated files (the 1 GB case is in bench/logview.bench.js): the
// tail, the top and paging back are right, from a handful of positional reads.
import { closeSync, mkdirSync, openSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLogView } from '../../src/logview/index.js';
import { tempDir } from '../support/tools.js';
import { rotatedName } from './helpers.js';

const LINE = 100; // bytes per generated line, newline included
const line = (n: number) => `line ${String(n).padStart(9, '0')} `.padEnd(LINE - 1, '-');

/** Write lines first..first+count-1 of LINE bytes each, a megabyte at a time. */
function writeLines(path: string, first: number, count: number): void {
  const fd = openSync(path, 'w');
  const perChunk = 10_000;
  for (let n = first; n < first + count; n += perChunk) {
    const chunk: string[] = [];
    for (let k = n; k < Math.min(n + perChunk, first + count); k++) chunk.push(line(k));
    writeSync(fd, chunk.join('\n') + '\n');
  }
  closeSync(fd);
}

describe('a 50 MB current', () => {
  const dir = join(tempDir('svtui-logbig-'), 'main');
  mkdirSync(dir);
  writeLines(join(dir, rotatedName(1)), 1, 1000);
  writeLines(join(dir, rotatedName(2)), 1001, 1000);
  const total = 2000 + 500_000;
  writeLines(join(dir, 'current'), 2001, 500_000);
  const view = openLogView(dir, { rows: 40, watch: false });
  afterAll(() => view.close());
  const numbers = () => view.lines().map((l) => Number(l.slice(5, 14)));
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

  it('opens at the tail', () => {
    expect(view.lines()).toHaveLength(40);
    expect(numbers()).toEqual(range(total - 39, 40));
    expect(view.lines()[0]).toBe(line(total - 39));
  });

  it('pages back 100 times, 40 lines each', () => {
    for (let page = 1; page <= 100; page++) {
      view.pageUp();
      expect(numbers()).toEqual(range(total - 39 - 40 * page, 40));
    }
    expect(view.info().fraction).toBeGreaterThan(0.99);
  });

  it('goes to the top of the oldest file and back to the tail', () => {
    view.top();
    expect(numbers()).toEqual(range(1, 40));
    expect(view.info().fraction).toBe(0);
    view.tail();
    expect(numbers()).toEqual(range(total - 39, 40));
  });

  it('a truncated current under a held position falls back to the tail', () => {
    view.pageUp();
    const small = join(dir, '..', 'small');
    mkdirSync(small);
    writeFileSync(join(small, 'current'), 'a\nb\nc\nd\n');
    const v = openLogView(small, { rows: 2, watch: false });
    v.top();
    v.scroll(1);
    expect(v.lines()).toEqual(['b', 'c']);
    truncateSync(join(small, 'current'), 0);
    writeFileSync(join(small, 'current'), 'x\n');
    v.refresh();
    expect(v.lines()).toEqual(['x']);
    v.close();
  });
});
