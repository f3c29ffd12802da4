// The newest sample of a resource history, found with small reads, against the writer that
// svtui scan and `svtui monitor` use: an empty file, a partly filled ring, a ring that wrapped
// (several laps), a file followed sample by sample, one remade by its writer, a torn newest slot.
import { openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADER_SIZE, RECORD_SIZE } from '../../src/codec/resource-history.js';
import { ResourceHistoryWriter } from '../../src/resources/history-file.js';
import { HistoryTail } from '../../src/resources/history-tail.js';
import { tempDir } from '../support/tools.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rings = [
  { capacity: 7, paceSeconds: 2 },
  { capacity: 3, paceSeconds: 60 },
];
const sample = (n: number) => ({
  time: 1_700_000_000 + 2 * n,
  pid: 100 + n,
  restarts: 0,
  checksRun: 0,
  checksFailed: 0,
  cpuPermille: n * 10,
  rssKB: 1000 + n,
});

function history(count: number): { path: string; writer: ResourceHistoryWriter } {
  dir = tempDir('svtui-tail-');
  const path = join(dir, 'svtui-resources');
  const writer = new ResourceHistoryWriter(path, rings);
  for (let n = 1; n <= count; n++) writer.append(sample(n));
  return { path, writer };
}

describe('HistoryTail', () => {
  it('no file, and a file with no sample yet: nothing', () => {
    dir = tempDir('svtui-tail-');
    expect(new HistoryTail(join(dir, 'missing')).newest()).toBeUndefined();
    const { path, writer } = history(0);
    expect(new HistoryTail(path).newest()).toBeUndefined();
    writer.close();
  });

  it.each([1, 3, 6, 7, 8, 13, 14, 15, 40])(
    'finds the newest of %i samples in a ring of 7 on the first look',
    (count) => {
      const { path, writer } = history(count);
      expect(new HistoryTail(path).newest()).toMatchObject({
        pid: 100 + count,
        rssKB: 1000 + count,
      });
      writer.close();
    },
  );

  it('follows sample by sample, across the ring’s end, and after falling a lap behind', () => {
    const { path, writer } = history(5);
    const tail = new HistoryTail(path);
    for (let n = 6; n <= 20; n++) {
      writer.append(sample(n));
      expect(tail.newest()?.pid).toBe(100 + n);
    }
    for (let n = 21; n <= 30; n++) writer.append(sample(n)); // more than a lap unseen
    expect(tail.newest()?.pid).toBe(130);
    writer.close();
  });

  it('a file remade by its writer (a new inode) is searched afresh', () => {
    const { path, writer } = history(12);
    const tail = new HistoryTail(path);
    expect(tail.newest()?.pid).toBe(112);
    writer.close();
    // Other rings: the writer makes the file anew (.new, then a rename over it).
    const again = new ResourceHistoryWriter(path, [{ capacity: 5, paceSeconds: 2 }]);
    expect(again.remade).toBe('rings');
    again.append(sample(2));
    expect(tail.newest()?.pid).toBe(102);
    again.close();
  });

  it('a torn newest slot (bad CRC) leaves the one before as the newest', () => {
    const { path, writer } = history(4);
    writer.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from([0xff, 0xff]), 0, 2, HEADER_SIZE + 3 * RECORD_SIZE + 20);
    closeSync(fd);
    expect(new HistoryTail(path).newest()?.pid).toBe(103);
  });

  it('a foreign file is no history', () => {
    dir = tempDir('svtui-tail-');
    const path = join(dir, 'svtui-resources');
    const fd = openSync(path, 'w');
    writeSync(fd, Buffer.alloc(4096, 0x41));
    closeSync(fd);
    expect(new HistoryTail(path).newest()).toBeUndefined();
  });
});
