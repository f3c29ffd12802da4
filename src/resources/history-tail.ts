// The newest record of a service's supervise/svtui-resources (src/codec/resource-history.ts), found
// with a few small positional reads instead of reading the whole file (155 KB) every 2 s for
// every service. Ring 0 holds the 2-second samples; the record with sequence number s sits in
// slot (s − 1) mod capacity, so within one lap the slots hold s0, s0 + 1, … and the slots after
// the newest hold the lap before (or nothing): the first look finds the newest by a binary
// search on "same lap as slot 0" (about 11 reads of 48 bytes), and each later look reads a few
// slots after the last one seen. A file replaced by its writer (a new inode) is looked at afresh.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { HEADER_SIZE, unpackSlot, type ResourceRecord } from '../codec/resource-history.js';

interface Layout {
  ino: number;
  capacity: number;
  recordSize: number;
  ringStart: number;
}

/** Slots read one by one when following; further behind than that, search again. */
const MAX_FOLLOW = 64;

export class HistoryTail {
  private layout: Layout | undefined;
  private lastSeq = 0;
  private last: ResourceRecord | undefined;
  private buffer = Buffer.alloc(HEADER_SIZE);

  constructor(readonly path: string) {}

  /** The newest valid sample, or undefined (no file, a foreign one, no sample yet). */
  newest(): ResourceRecord | undefined {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      this.forget();
      return undefined;
    }
    try {
      const ino = fstatSync(fd).ino;
      if (!this.layout || this.layout.ino !== ino) {
        this.forget();
        this.layout = readLayout(fd, ino, this.bytes(HEADER_SIZE));
        if (!this.layout) return undefined;
        this.locate(fd, this.layout);
      } else this.follow(fd, this.layout);
      return this.last;
    } catch {
      this.forget();
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  private forget(): void {
    this.layout = undefined;
    this.lastSeq = 0;
    this.last = undefined;
  }

  private bytes(n: number): Buffer {
    if (this.buffer.length < n) this.buffer = Buffer.alloc(n);
    return this.buffer;
  }

  private slot(fd: number, layout: Layout, index: number) {
    const { recordSize, ringStart } = layout;
    const buffer = this.bytes(recordSize);
    const got = readSync(fd, buffer, 0, recordSize, ringStart + index * recordSize);
    return got === recordSize ? unpackSlot(buffer, 0, recordSize) : undefined;
  }

  /** The first look: the newest slot of the lap slot 0 is in. */
  private locate(fd: number, layout: Layout): void {
    const first = this.slot(fd, layout, 0);
    if (!first) return;
    const lap = first.seq; // slot k of the same lap holds lap + k
    let low = 0; // known in the lap
    let high = layout.capacity - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      const found = this.slot(fd, layout, mid);
      if (found && found.seq === lap + mid) low = mid;
      else high = mid - 1;
    }
    const newest = low === 0 ? first : this.slot(fd, layout, low);
    if (!newest) return;
    this.lastSeq = newest.seq;
    this.last = newest.record;
  }

  /** Later looks: the slots after the last one seen, while they hold the next numbers. */
  private follow(fd: number, layout: Layout): void {
    if (this.lastSeq === 0) return this.locate(fd, layout);
    for (let read = 0; read < MAX_FOLLOW; read++) {
      const next = this.slot(fd, layout, this.lastSeq % layout.capacity);
      if (!next || next.seq <= this.lastSeq) return;
      if (next.seq !== this.lastSeq + 1) return this.locate(fd, layout); // fell behind a lap
      this.lastSeq = next.seq;
      this.last = next.record;
    }
    this.locate(fd, layout);
  }
}

function readLayout(fd: number, ino: number, header: Buffer): Layout | undefined {
  const got = readSync(fd, header, 0, HEADER_SIZE, 0);
  if (got < 28 || header.toString('latin1', 0, 8) !== 'svtuires') return undefined;
  const recordSize = header.readUInt16LE(10);
  const headerSize = header.readUInt16LE(14);
  const capacity = header.readUInt32LE(16);
  if (header.readUInt16LE(8) !== 1 || recordSize < 48 || capacity < 1) return undefined;
  return { ino, capacity, recordSize, ringStart: headerSize };
}
