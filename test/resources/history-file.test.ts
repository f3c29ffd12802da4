// The history on a real file: appends are pwrites in place, a reopened writer goes on after the
// newest record and finishes the minute it was in, a torn tail is skipped, and a foreign file is
// replaced rather than trusted.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RECORD_SIZE, recordPosition } from '../../src/codec/resource-history.js';
import { PeriodSummary } from '../../src/resources/records.js';
import {
  readResourceHistory,
  ResourceHistoryWriter,
  rollUp,
  toRecord,
  type ResourceRecord,
} from '../../src/resources/index.js';

const dir = mkdtempSync(join(tmpdir(), 'svtui-resources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rings = [
  { capacity: 10, paceSeconds: 2 },
  { capacity: 4, paceSeconds: 60 },
];
const at = (time: number, cpuPermille: number, rssKB = 1000): ResourceRecord => ({
  time,
  pid: 77,
  cpuPermille,
  rssKB,
  restarts: 1,
  checksRun: 1,
  checksFailed: 0,
});

function read(path: string) {
  const decoded = readResourceHistory(path);
  if (!decoded.ok) throw new Error(`unreadable: ${decoded.reason}`);
  return decoded.rings;
}

describe('ResourceHistoryWriter on a real file', () => {
  it('makes the file at its full size and appends records in place', () => {
    const path = join(dir, 'a');
    const writer = new ResourceHistoryWriter(path, rings);
    expect(writer.remade).toBe('ENOENT');
    expect(statSync(path).size).toBe(64 + 14 * RECORD_SIZE);
    for (let t = 0; t < 30; t++) expect(writer.append(at(6000 + 2 * t, t))).toBeUndefined();
    writer.close();
    const [fine, minutes] = read(path);
    expect(fine?.records.map((r) => r.cpuPermille)).toEqual([
      20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
    ]);
    expect(statSync(path).size).toBe(64 + 14 * RECORD_SIZE);
    // 6000..6058 is one minute (100 × 60): not over until a sample of the next one arrives
    expect(minutes?.records).toEqual([]);
  });

  it('goes on after a restart, rolling up the minute it was in', () => {
    const path = join(dir, 'a');
    const writer = new ResourceHistoryWriter(path, rings);
    expect(writer.remade).toBeUndefined();
    writer.append(at(6060, 500, 3000));
    writer.close();
    const [fine, minutes] = read(path);
    expect(fine?.lastSeq).toBe(31);
    expect(fine?.records.at(-1)?.cpuPermille).toBe(500);
    // the minute rebuilt from the fine ring's last 10 samples (6040..6058)
    expect(minutes?.records).toEqual([{ ...at(6000, 25), rssKB: 1000 }]);
  });

  it('skips a torn last record and writes over it', () => {
    const path = join(dir, 'a');
    const bytes = readFileSync(path);
    const tail = recordPosition(rings, 0, 31);
    bytes.fill(0xee, tail + 20, tail + RECORD_SIZE);
    writeFileSync(path, bytes);
    expect(read(path)[0]).toMatchObject({ lastSeq: 30, skipped: 1 });
    const writer = new ResourceHistoryWriter(path, rings);
    writer.append(at(6062, 7));
    writer.close();
    expect(read(path)[0]).toMatchObject({ lastSeq: 31, skipped: 0 });
    expect(read(path)[0]?.records.at(-1)?.cpuPermille).toBe(7);
  });

  it('replaces a foreign file or one with other rings, and says why', () => {
    const path = join(dir, 'b');
    writeFileSync(path, 'svtui-history 1\nstarts 3\n');
    expect(readResourceHistory(path)).toMatchObject({ ok: false, reason: 'foreign' });
    new ResourceHistoryWriter(path, rings).close();
    const other = new ResourceHistoryWriter(path, [{ capacity: 5, paceSeconds: 2 }]);
    expect(other.remade).toBe('rings');
    other.close();
    expect(readResourceHistory(join(dir, 'missing'))).toEqual({
      ok: false,
      reason: 'unreadable',
      code: 'ENOENT',
    });
  });
});

describe('toRecord and rollUp', () => {
  it('records the tree in ‰ of a core, and a down service with pid 0', () => {
    const resources = {
      id: 's',
      pid: 9,
      tree: { cpu: 12.34, rssKB: 2048, pssKB: 1500, threads: 4, children: 1, processes: 2 },
    };
    expect(toRecord(resources, 100.7, { restarts: 2, logLinesPerSecond: 5 })).toEqual({
      time: 100,
      pid: 0,
      cpuPermille: 123,
      rssKB: 2048,
      pssKB: 1500,
      children: 1,
      threads: 4,
      logLinesPerSecond: 5,
      restarts: 2,
      checksRun: 0,
      checksFailed: 0,
    });
  });

  it('averages CPU, keeps the peak of memory and ORs the checks', () => {
    const a = { ...at(0, 100, 500), checksFailed: 0b01 };
    const b = { ...at(2, 300, 900), checksFailed: 0b10, restarts: 2 };
    const c: ResourceRecord = { time: 4, pid: 0, restarts: 2, checksRun: 0, checksFailed: 0 };
    expect(rollUp([a, b, c], 0)).toEqual({
      time: 0,
      pid: 0,
      cpuPermille: 200,
      rssKB: 900,
      restarts: 2,
      checksRun: 1,
      checksFailed: 0b11,
    });
    expect(() => rollUp([], 0)).toThrow(RangeError);
  });
});

describe('queued records', () => {
  it('are on disk only once flushed, in one write round the ring, and closed with the file', () => {
    const path = join(dir, 'queued');
    const writer = new ResourceHistoryWriter(path, rings);
    for (let t = 0; t < 8; t++) writer.append(at(6000 + 2 * t, t));
    // Three more wrap round the ring of 10: slots 8, 9 and 0.
    for (let t = 8; t < 11; t++) expect(writer.queue(at(6000 + 2 * t, t))).toBeUndefined();
    expect(read(path)[0]?.records).toHaveLength(8);
    expect(writer.flush()).toBeUndefined();
    expect(read(path)[0]?.records.map((r) => r.cpuPermille)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    writer.queue(at(6022, 11));
    writer.close();
    expect(read(path)[0]?.records.at(-1)?.cpuPermille).toBe(11);
  });

  it('roll up into the next ring when a period ends, as appended ones do', () => {
    const path = join(dir, 'queued-minutes');
    const writer = new ResourceHistoryWriter(path, rings);
    writer.queue(at(6000, 100, 500));
    writer.queue(at(6030, 300, 900));
    writer.queue(at(6060, 7, 100)); // the next minute: 6000's is written
    writer.close();
    const [fine, minutes] = read(path);
    expect(fine?.records).toHaveLength(3);
    expect(minutes?.records).toEqual([at(6000, 200, 900)]);
  });
});

describe('PeriodSummary', () => {
  it('sums as rollUp does, and starts afresh when cleared', () => {
    const summary = new PeriodSummary();
    expect(summary.record(0)).toBeUndefined();
    const records = [at(1, 10, 100), at(2, 30, 300), { ...at(3, 0, 200), cpuPermille: undefined }];
    for (const r of records) summary.add(r);
    expect(summary.record(0)).toEqual(rollUp(records, 0));
    summary.clear();
    summary.add(at(9, 5, 5));
    expect(summary.record(60)).toEqual(rollUp([at(9, 5, 5)], 60));
  });
});
