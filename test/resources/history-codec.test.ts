// Unit tests of src/codec/resource-history.ts: round trip, wrap-around, a torn record, a file
// that is not ours or is cut short — each a typed result, never an exception.
import { describe, expect, it } from 'vitest';
import {
  crc32,
  DEFAULT_RINGS,
  HEADER_SIZE,
  historyFileSize,
  packHistoryHeader,
  packRecord,
  RECORD_SIZE,
  recordPosition,
  unpackHistory,
  type DecodedRing,
  type ResourceRecord,
  type RingLayout,
} from '../../src/codec/resource-history.js';

const sample = (i: number): ResourceRecord => ({
  time: 1_700_000_000 + 2 * i,
  pid: 4000 + i,
  cpuPermille: 125 + i,
  rssKB: 10_240 + i,
  pssKB: 8_000 + i,
  children: i % 7,
  threads: 1 + (i % 5),
  logLinesPerSecond: i * 3,
  restarts: Math.floor(i / 10),
  checksRun: 0b111,
  checksFailed: i % 2 ? 0b010 : 0,
});

/** A file with these rings holding `counts[i]` records in ring i, written as the adapter does. */
function file(rings: RingLayout[], counts: number[]): Buffer {
  const bytes = Buffer.alloc(historyFileSize(rings));
  packHistoryHeader(rings).copy(bytes, 0);
  counts.forEach((count, ring) => {
    for (let seq = 1; seq <= count; seq++)
      packRecord(sample(seq), seq).copy(bytes, recordPosition(rings, ring, seq));
  });
  return bytes;
}

function ring(bytes: Uint8Array, i = 0): DecodedRing {
  const decoded = unpackHistory(bytes);
  if (!decoded.ok) throw new Error(`not a history: ${decoded.reason}`);
  const r = decoded.rings[i];
  if (!r) throw new Error(`no ring ${i}`);
  return r;
}

describe('resource history codec', () => {
  it('uses the IEEE CRC-32 (zlib, cksum -a crc32b)', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const both = Buffer.from('hello, world');
    expect(crc32(both, 5, both.length, crc32(both, 0, 5))).toBe(crc32(both));
  });

  it('sizes the default file: an hour at 2 s and a day of minutes', () => {
    expect(DEFAULT_RINGS.map((r) => r.capacity * r.paceSeconds)).toEqual([3600, 86400]);
    expect(historyFileSize(DEFAULT_RINGS)).toBe(HEADER_SIZE + 3240 * RECORD_SIZE);
  });

  it('round-trips records in both rings, oldest first', () => {
    const rings = [...DEFAULT_RINGS];
    const decoded = unpackHistory(file(rings, [5, 2]));
    expect(decoded).toMatchObject({ ok: true, version: 1, recordSize: 48 });
    expect(ring(file(rings, [5, 2]), 0)).toMatchObject({
      capacity: 1800,
      paceSeconds: 2,
      lastSeq: 5,
      skipped: 0,
      records: [1, 2, 3, 4, 5].map(sample),
    });
    expect(ring(file(rings, [5, 2]), 1).records).toEqual([sample(1), sample(2)]);
  });

  it('keeps unknown figures unknown and clamps what does not fit', () => {
    const bytes = file([{ capacity: 4, paceSeconds: 2 }], [0]);
    const down: ResourceRecord = { time: 5, pid: 0, restarts: 3, checksRun: 0, checksFailed: 0 };
    packRecord(down, 1).copy(bytes, recordPosition([{ capacity: 4, paceSeconds: 2 }], 0, 1));
    const huge = { ...down, threads: 1e6, rssKB: 2 ** 40, cpuPermille: -3 };
    packRecord(huge, 2).copy(bytes, recordPosition([{ capacity: 4, paceSeconds: 2 }], 0, 2));
    const [first, second] = ring(bytes).records;
    expect(first).toEqual(down);
    expect(second).toMatchObject({ threads: 0xfffe, rssKB: 0xfffffffe, cpuPermille: 0 });
  });

  it('wraps around: the last `capacity` records survive, in order', () => {
    const rings = [{ capacity: 8, paceSeconds: 2 }];
    const r = ring(file(rings, [21]));
    expect(r.lastSeq).toBe(21);
    expect(r.records.map((x) => x.pid)).toEqual(
      [14, 15, 16, 17, 18, 19, 20, 21].map((i) => 4000 + i),
    );
    expect(r.skipped).toBe(0);
  });

  it('skips a torn last record and goes on from the one before', () => {
    const rings = [{ capacity: 8, paceSeconds: 2 }];
    const bytes = file(rings, [11]);
    const at = recordPosition(rings, 0, 11);
    bytes.fill(0, at + 24, at + RECORD_SIZE); // the second half of the write never reached disk
    const r = ring(bytes);
    expect(r.lastSeq).toBe(10);
    expect(r.skipped).toBe(1);
    expect(r.records.map((x) => x.time)).toEqual([4, 5, 6, 7, 8, 9, 10].map((i) => sample(i).time));
  });

  it('ignores a record in the wrong slot and a leftover from an older lap', () => {
    const rings = [{ capacity: 4, paceSeconds: 2 }];
    const bytes = file(rings, [6]); // slots hold 5, 6, 3, 4
    packRecord(sample(9), 9).copy(bytes, recordPosition(rings, 0, 2)); // 9 belongs in slot 0
    expect(ring(bytes).skipped).toBe(1);
    const lap = file(rings, [6]);
    packRecord(sample(11), 11).copy(lap, recordPosition(rings, 0, 11)); // slot 2: 3 → 11
    const r = ring(lap);
    expect(r.records.map((x) => x.pid - 4000)).toEqual([11]);
    expect(r).toMatchObject({ lastSeq: 11, skipped: 3 });
  });

  it('reads a file cut short: missing slots are unwritten', () => {
    const rings = [{ capacity: 8, paceSeconds: 2 }];
    const bytes = file(rings, [5]);
    const cut = bytes.subarray(0, recordPosition(rings, 0, 4) + 10);
    expect(ring(cut).records.map((x) => x.pid - 4000)).toEqual([1, 2, 3]);
  });

  it('answers a foreign, short or newer file with a reason', () => {
    expect(unpackHistory(Buffer.alloc(0))).toEqual({ ok: false, reason: 'short', length: 0 });
    expect(unpackHistory(Buffer.from('svtui-history 1\nstarts 3\n'))).toMatchObject({
      ok: false,
      reason: 'foreign',
    });
    const header = packHistoryHeader(DEFAULT_RINGS);
    const newer = Buffer.from(header);
    newer.writeUInt16LE(2, 8);
    expect(unpackHistory(newer)).toMatchObject({ ok: false, reason: 'version' });
    const zeroRings = Buffer.from(header);
    zeroRings.writeUInt16LE(0, 12);
    expect(unpackHistory(zeroRings)).toMatchObject({ ok: false, reason: 'layout' });
    expect(unpackHistory(header.subarray(0, 40))).toMatchObject({ ok: false, reason: 'short' });
    expect(ring(header).records).toEqual([]);
  });

  it('refuses to pack a header with no ring', () => {
    expect(() => packHistoryHeader([])).toThrow(RangeError);
  });
});
