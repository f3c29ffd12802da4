// supervise/svtui-resources on disk: the thin adapter around src/codec/resource-history.ts.
// Opening reads the whole file once (to go on after the newest record, and to finish the minute
// the last run was in); each append is one pwrite of 48 bytes into the first ring, plus one into
// a coarser ring when its period ends. `queue` keeps first-ring records in memory until `flush`
// writes them in one pwrite (two where the ring wraps): the recorder writes each file every
// other sweep, as a pwrite costs more than the figures it carries. No fsync: after a crash of
// the process the page cache still holds every write (a queued record is lost), and after a
// power cut a torn record fails its CRC and is skipped.
// One writer per file: the supervisor (or `svtui monitor`) that owns the service's supervise/.
import { closeSync, ftruncateSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import {
  DEFAULT_RINGS,
  historyFileSize,
  packHistoryHeader,
  packRecordInto,
  RECORD_SIZE,
  recordPosition,
  unpackHistory,
  type DecodedHistory,
  type ResourceRecord,
  type RingLayout,
} from '../codec/resource-history.js';
import { PeriodSummary } from './records.js';

/** First-ring records a writer queues at most before it writes them anyway. */
const MAX_QUEUED = 16;

/** The file's name inside a service's supervise/ directory. */
export const RESOURCE_HISTORY_FILE = 'svtui-resources';

export type ReadHistoryResult = DecodedHistory | { ok: false; reason: 'unreadable'; code: string };

/** The whole history in one read; a missing or foreign file is a result, not a throw. */
export function readResourceHistory(path: string): ReadHistoryResult {
  try {
    return unpackHistory(readFileSync(path));
  } catch (error) {
    return { ok: false, reason: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? '' };
  }
}

export class ResourceHistoryWriter {
  /** Why the file was made afresh at open ('missing', 'foreign', 'rings', …), if it was. */
  readonly remade: string | undefined;
  readonly #rings: readonly RingLayout[];
  readonly #lastSeq: number[];
  /** Per coarser ring (index 0 unused): the period being summed, and which period it is. */
  readonly #periods: PeriodSummary[];
  readonly #periodOf: number[];
  readonly #record = Buffer.alloc(RECORD_SIZE);
  /** Packed first-ring records not written yet, the first of them with sequence `#queuedFrom`. */
  readonly #queue = Buffer.alloc(MAX_QUEUED * RECORD_SIZE);
  #queued = 0;
  #queuedFrom = 0;
  #fd: number;

  /** Open (or make) the history at `path`; a file with other rings is replaced. */
  constructor(path: string, rings: readonly RingLayout[] = DEFAULT_RINGS) {
    this.#rings = rings;
    const found = readResourceHistory(path);
    const same =
      found.ok &&
      found.rings.length === rings.length &&
      found.rings.every(
        (r, i) => r.capacity === rings[i]?.capacity && r.paceSeconds === rings[i]?.paceSeconds,
      );
    this.#periods = rings.map(() => new PeriodSummary());
    this.#periodOf = rings.map(() => -1);
    if (found.ok && same) {
      this.remade = undefined;
      this.#lastSeq = found.rings.map((r) => r.lastSeq);
      const fine = found.rings[0]?.records ?? [];
      const newest = fine[fine.length - 1];
      // The periods the newest fine record falls in were not rolled up yet: pick them up.
      if (newest)
        rings.forEach((ring, i) => {
          if (i === 0) return;
          const period = Math.floor(newest.time / ring.paceSeconds);
          this.#periodOf[i] = period;
          for (const r of fine)
            if (Math.floor(r.time / ring.paceSeconds) === period) this.#periods[i]!.add(r);
        });
      this.#fd = openSync(path, 'r+');
    } else {
      this.remade = found.ok ? 'rings' : found.reason === 'unreadable' ? found.code : found.reason;
      this.#lastSeq = rings.map(() => 0);
      const fresh = `${path}.new`;
      const fd = openSync(fresh, 'w+');
      writeSync(fd, packHistoryHeader(rings), 0, undefined, 0);
      ftruncateSync(fd, historyFileSize(rings)); // sparse until written
      renameSync(fresh, path);
      this.#fd = fd;
    }
  }

  /** Append one sample (time in Unix seconds, not going back) now; an I/O error is returned. */
  append(record: ResourceRecord): string | undefined {
    return this.queue(record) ?? this.flush();
  }

  /**
   * Append one sample, written by the next `flush` (or at once when the queue is full, or a
   * coarser ring's period ends); an I/O error is returned. Nothing of `record` is kept.
   */
  queue(record: ResourceRecord): string | undefined {
    try {
      if (this.#queued === MAX_QUEUED) this.#writeQueue();
      const seq = this.#lastSeq[0]! + 1;
      if (this.#queued === 0) this.#queuedFrom = seq;
      packRecordInto(record, seq, this.#queue, this.#queued * RECORD_SIZE);
      this.#queued++;
      this.#lastSeq[0] = seq;
      for (let i = 1; i < this.#rings.length; i++) {
        const period = Math.floor(record.time / this.#rings[i]!.paceSeconds);
        const summary = this.#periods[i]!;
        if (period !== this.#periodOf[i] && summary.count > 0) {
          this.#writeQueue(); // the finer records before the coarser one that sums them
          const time = this.#periodOf[i]! * this.#rings[i]!.paceSeconds;
          this.#write(i, summary.record(time)!);
          summary.clear();
        }
        this.#periodOf[i] = period;
        summary.add(record);
      }
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? String(error);
    }
  }

  /** Write the queued samples; an I/O error is returned (they are dropped then). */
  flush(): string | undefined {
    try {
      this.#writeQueue();
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? String(error);
    }
  }

  /** Write what is queued, leave the header's next-slot hints right and close. A period not yet
   * ended is picked up from the fine ring by the next writer. */
  close(): void {
    if (this.#fd < 0) return;
    try {
      this.#writeQueue();
      writeSync(this.#fd, packHistoryHeader(this.#rings, this.#lastSeq), 0, undefined, 0);
    } finally {
      closeSync(this.#fd);
      this.#fd = -1;
    }
  }

  /** The queued first-ring records: one pwrite, two where they wrap round the ring. */
  #writeQueue(): void {
    const count = this.#queued;
    if (count === 0) return;
    this.#queued = 0;
    const capacity = this.#rings[0]!.capacity;
    const slot = (this.#queuedFrom - 1) % capacity;
    const head = Math.min(count, capacity - slot);
    const at = recordPosition(this.#rings, 0, this.#queuedFrom);
    writeSync(this.#fd, this.#queue, 0, head * RECORD_SIZE, at);
    if (head < count)
      writeSync(
        this.#fd,
        this.#queue,
        head * RECORD_SIZE,
        (count - head) * RECORD_SIZE,
        recordPosition(this.#rings, 0, this.#queuedFrom + head),
      );
  }

  #write(ring: number, record: ResourceRecord): void {
    const seq = this.#lastSeq[ring]! + 1;
    const bytes = packRecordInto(record, seq, this.#record);
    writeSync(this.#fd, bytes, 0, bytes.length, recordPosition(this.#rings, ring, seq));
    this.#lastSeq[ring] = seq;
  }
}
