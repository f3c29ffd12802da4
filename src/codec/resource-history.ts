// supervise/svtui-resources: a service's resource history as fixed-size records in ring files
// inside one file, so a console opened later shows the past hour and a restarted scanner keeps
// it. Pure pack/unpack; the adapter (src/resources/history-file.ts) pwrites one record a sample
// and reads the whole file back in one read. A short or foreign file is a result, never a throw.
//
// Layout, little-endian. Header (64 bytes):
//   0  8  magic "svtuires"           12 u16 ring count (1..4)
//   8  u16 version (1)               14 u16 header size (64)
//   10 u16 record size (48)          16 + 12·i: ring i: u32 capacity, u32 pace (s), u32 next slot
// Rings follow the header one after another; ring i's slot k is at
// header + (capacities of rings before i + k) · record size. Record (48 bytes):
//   0 u32 seq (1, 2, …; 0 = never written)   24 u32 PSS KB
//   4 u32 CRC-32 of bytes 0–3 and 8–end      28 u16 children        30 u16 threads
//   8 u32 time, Unix seconds                 32 u32 log lines/s     36 u32 restarts (so far)
//   12 u32 main pid (0 = down)               40 u32 checks run      44 u32 checks failed (bitmaps)
//   16 u32 CPU ‰ of one core   20 u32 RSS KB
// A record with sequence number s sits in slot (s − 1) mod capacity, so the newest record is the
// valid one with the highest s: the header's next slot is only a hint written at creation and on
// a clean close, and a record torn by a crash fails its CRC and is skipped. All-ones in a field
// means "not known" (CPU before a second sample, PSS before its slower pass, down services).
export const RESOURCE_HISTORY_VERSION = 1;
export const HEADER_SIZE = 64;
export const RECORD_SIZE = 48;
const MAGIC = 'svtuires';
const MAX_RINGS = 4;
const U32_NONE = 0xffffffff;
const U16_NONE = 0xffff;

export interface RingLayout {
  capacity: number;
  /** Seconds between two records of this ring. */
  paceSeconds: number;
}

/** An hour at the 2 s sampling pace, and 24 hours of one-minute roll-ups. */
export const DEFAULT_RINGS: readonly RingLayout[] = [
  { capacity: 1800, paceSeconds: 2 },
  { capacity: 1440, paceSeconds: 60 },
];

/** One sample of a service: figures for its whole tree (its session). */
export interface ResourceRecord {
  /** Unix seconds. */
  time: number;
  /** The main process (./run), 0 when the service is down. */
  pid: number;
  /** CPU in per mille of one core, top-style (1000 = one core busy; 4000 = four). */
  cpuPermille?: number;
  rssKB?: number;
  pssKB?: number;
  /** Processes of the tree besides the main one. */
  children?: number;
  threads?: number;
  logLinesPerSecond?: number;
  /** Starts counted so far by the supervisor: a step between two records is a restart. */
  restarts: number;
  /** Bit i: the i-th check of the service's monitor file ran (checksRun) or failed. */
  checksRun: number;
  checksFailed: number;
}

export interface DecodedRing extends RingLayout {
  /** Valid records, oldest first. */
  records: ResourceRecord[];
  /** Sequence number of the newest valid record (0 when empty): the writer goes on from here. */
  lastSeq: number;
  /** Written slots skipped: a bad CRC (a torn write) or a record in the wrong slot. */
  skipped: number;
}

export type DecodedHistory =
  | { ok: true; version: number; recordSize: number; rings: DecodedRing[] }
  | { ok: false; reason: 'short' | 'foreign' | 'version' | 'layout'; length: number };

/** Bytes of a whole file with these rings. */
export function historyFileSize(rings: readonly RingLayout[]): number {
  return HEADER_SIZE + rings.reduce((sum, r) => sum + r.capacity, 0) * RECORD_SIZE;
}

/** The header; `next[i]` is ring i's next slot (0 for a new file). */
export function packHistoryHeader(rings: readonly RingLayout[], next: number[] = []): Buffer {
  if (rings.length < 1 || rings.length > MAX_RINGS)
    throw new RangeError(`resource history: 1 to ${MAX_RINGS} rings, got ${rings.length}`);
  const out = Buffer.alloc(HEADER_SIZE);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt16LE(RESOURCE_HISTORY_VERSION, 8);
  out.writeUInt16LE(RECORD_SIZE, 10);
  out.writeUInt16LE(rings.length, 12);
  out.writeUInt16LE(HEADER_SIZE, 14);
  rings.forEach((ring, i) => {
    out.writeUInt32LE(ring.capacity, 16 + 12 * i);
    out.writeUInt32LE(ring.paceSeconds, 20 + 12 * i);
    out.writeUInt32LE((next[i] ?? 0) % ring.capacity, 24 + 12 * i);
  });
  return out;
}

/** Where the record with sequence number `seq` (1, 2, …) of ring `ring` goes. */
export function recordPosition(rings: readonly RingLayout[], ring: number, seq: number): number {
  let start = HEADER_SIZE;
  for (let i = 0; i < ring; i++) start += (rings[i]?.capacity ?? 0) * RECORD_SIZE;
  const capacity = rings[ring]?.capacity ?? 1;
  return start + ((seq - 1) % capacity) * RECORD_SIZE;
}

const u32 = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v)
    ? U32_NONE
    : Math.min(Math.max(Math.round(v), 0), U32_NONE - 1);
const u16 = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v)
    ? U16_NONE
    : Math.min(Math.max(Math.round(v), 0), U16_NONE - 1);

/** One record, sealed with its sequence number and CRC. */
export function packRecord(record: ResourceRecord, seq: number): Buffer {
  return packRecordInto(record, seq, Buffer.alloc(RECORD_SIZE));
}

/** packRecord into `out` at byte `at` (RECORD_SIZE bytes), a buffer a writer made once. */
export function packRecordInto(record: ResourceRecord, seq: number, out: Buffer, at = 0): Buffer {
  out.writeUInt32LE(seq >>> 0, at);
  out.writeUInt32LE(Math.max(0, Math.floor(record.time)) >>> 0, at + 8);
  out.writeUInt32LE(record.pid >>> 0, at + 12);
  out.writeUInt32LE(u32(record.cpuPermille), at + 16);
  out.writeUInt32LE(u32(record.rssKB), at + 20);
  out.writeUInt32LE(u32(record.pssKB), at + 24);
  out.writeUInt16LE(u16(record.children), at + 28);
  out.writeUInt16LE(u16(record.threads), at + 30);
  out.writeUInt32LE(u32(record.logLinesPerSecond), at + 32);
  out.writeUInt32LE(record.restarts >>> 0, at + 36);
  out.writeUInt32LE(record.checksRun >>> 0, at + 40);
  out.writeUInt32LE(record.checksFailed >>> 0, at + 44);
  out.writeUInt32LE(recordCrc(out, at, RECORD_SIZE), at + 4);
  return out;
}

// CRC-32 (IEEE, as zlib), table-driven over a range, `seed` continuing a previous range. Here,
// not node:zlib: the codec stays pure, and zlib's crc32 takes no range (and needs Node 20.15).
const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length, seed = 0): number {
  let crc = ~seed >>> 0;
  for (let i = start; i < end; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

function recordCrc(bytes: Uint8Array, at: number, size: number): number {
  return crc32(bytes, at + 8, at + size, crc32(bytes, at, at + 4));
}

function unpackRecord(view: Buffer, at: number): ResourceRecord {
  // Field by field, without a closure or a temporary object per record: a console opening the
  // service view decodes the hour's 1800 records at once.
  const record: ResourceRecord = {
    time: view.readUInt32LE(at + 8),
    pid: view.readUInt32LE(at + 12),
    restarts: view.readUInt32LE(at + 36),
    checksRun: view.readUInt32LE(at + 40),
    checksFailed: view.readUInt32LE(at + 44),
  };
  const cpu = view.readUInt32LE(at + 16);
  if (cpu !== U32_NONE) record.cpuPermille = cpu;
  const rss = view.readUInt32LE(at + 20);
  if (rss !== U32_NONE) record.rssKB = rss;
  const pss = view.readUInt32LE(at + 24);
  if (pss !== U32_NONE) record.pssKB = pss;
  const children = view.readUInt16LE(at + 28);
  if (children !== U16_NONE) record.children = children;
  const threads = view.readUInt16LE(at + 30);
  if (threads !== U16_NONE) record.threads = threads;
  const lines = view.readUInt32LE(at + 32);
  if (lines !== U32_NONE) record.logLinesPerSecond = lines;
  return record;
}

/**
 * The whole file's bytes → every ring's valid records, oldest first. Slots past the end of a
 * truncated file count as never written. A record size larger than 48 (a later version that
 * appended fields) is read by its first 48 bytes.
 */
export function unpackHistory(bytes: Uint8Array): DecodedHistory {
  const length = bytes.length;
  if (length < 16) return { ok: false, reason: 'short', length };
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, length);
  if (view.toString('latin1', 0, 8) !== MAGIC) return { ok: false, reason: 'foreign', length };
  const version = view.readUInt16LE(8);
  const recordSize = view.readUInt16LE(10);
  const count = view.readUInt16LE(12);
  const headerSize = view.readUInt16LE(14);
  if (version !== RESOURCE_HISTORY_VERSION) return { ok: false, reason: 'version', length };
  if (recordSize < RECORD_SIZE || count < 1 || count > MAX_RINGS || headerSize < 16 + 12 * count)
    return { ok: false, reason: 'layout', length };
  if (length < headerSize) return { ok: false, reason: 'short', length };
  const rings: DecodedRing[] = [];
  let start = headerSize;
  for (let i = 0; i < count; i++) {
    const capacity = view.readUInt32LE(16 + 12 * i);
    const paceSeconds = view.readUInt32LE(20 + 12 * i);
    if (capacity < 1) return { ok: false, reason: 'layout', length };
    rings.push(unpackRing(view, start, recordSize, { capacity, paceSeconds }));
    start += capacity * recordSize;
  }
  return { ok: true, version, recordSize, rings };
}

/**
 * One slot read on its own (a reader following the newest record with small positional reads):
 * its sequence number and record when the slot holds a valid one (CRC checked), else undefined.
 * `bytes` holds the slot from `at` on: `size` bytes, the file's record size (48 in version 1).
 */
export function unpackSlot(
  bytes: Uint8Array,
  at = 0,
  size = RECORD_SIZE,
): { seq: number; record: ResourceRecord } | undefined {
  if (size < RECORD_SIZE || bytes.length < at + size) return undefined;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const seq = view.readUInt32LE(at);
  if (seq === 0 || view.readUInt32LE(at + 4) !== recordCrc(view, at, size)) return undefined;
  return { seq, record: unpackRecord(view, at) };
}

function unpackRing(view: Buffer, start: number, size: number, ring: RingLayout): DecodedRing {
  const found: { seq: number; record: ResourceRecord }[] = [];
  let skipped = 0;
  for (let slot = 0; slot < ring.capacity; slot++) {
    const at = start + slot * size;
    if (at + size > view.length) break;
    const seq = view.readUInt32LE(at);
    if (seq === 0) continue;
    if (
      view.readUInt32LE(at + 4) !== recordCrc(view, at, size) ||
      (seq - 1) % ring.capacity !== slot
    ) {
      skipped++;
      continue;
    }
    found.push({ seq, record: unpackRecord(view, at) });
  }
  const lastSeq = found.reduce((max, f) => Math.max(max, f.seq), 0);
  // Only the last `capacity` sequence numbers can be current: an older one is a leftover.
  const current = found.filter((f) => f.seq > lastSeq - ring.capacity);
  skipped += found.length - current.length;
  current.sort((a, b) => a.seq - b.seq);
  return { ...ring, records: current.map((f) => f.record), lastSeq, skipped };
}
