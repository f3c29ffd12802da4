// supervise/svtui-resources on disk: the thin adapter around src/codec/resource-history.ts.
// Opening reads the whole file once (to go on after the newest record, and to finish the minute
// the last run was in); each append is one pwrite of 48 bytes into the first ring, plus one into
// a coarser ring when its period ends. No fsync: after a crash of the process the page cache
// still holds every write, and after a power cut a torn record fails its CRC and is skipped.
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
import { rollUp } from './records.js';

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
  readonly #pending: ResourceRecord[][];
  readonly #record = Buffer.alloc(RECORD_SIZE);
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
    if (found.ok && same) {
      this.remade = undefined;
      this.#lastSeq = found.rings.map((r) => r.lastSeq);
      this.#pending = rings.map(() => []);
      const fine = found.rings[0]?.records ?? [];
      const newest = fine[fine.length - 1];
      // The periods the newest fine record falls in were not rolled up yet: pick them up.
      if (newest)
        rings.forEach((ring, i) => {
          if (i === 0) return;
          const period = Math.floor(newest.time / ring.paceSeconds);
          this.#pending[i] = fine.filter((r) => Math.floor(r.time / ring.paceSeconds) === period);
        });
      this.#fd = openSync(path, 'r+');
    } else {
      this.remade = found.ok ? 'rings' : found.reason === 'unreadable' ? found.code : found.reason;
      this.#lastSeq = rings.map(() => 0);
      this.#pending = rings.map(() => []);
      const fresh = `${path}.new`;
      const fd = openSync(fresh, 'w+');
      writeSync(fd, packHistoryHeader(rings), 0, undefined, 0);
      ftruncateSync(fd, historyFileSize(rings)); // sparse until written
      renameSync(fresh, path);
      this.#fd = fd;
    }
  }

  /** Append one sample (time in Unix seconds, not going back); an I/O error is returned. */
  append(record: ResourceRecord): string | undefined {
    try {
      this.#write(0, record);
      for (let i = 1; i < this.#rings.length; i++) {
        const pace = this.#rings[i]!.paceSeconds;
        const pending = this.#pending[i]!;
        const period = Math.floor(record.time / pace);
        const first = pending[0];
        if (first && Math.floor(first.time / pace) !== period) {
          this.#write(i, rollUp(pending, Math.floor(first.time / pace) * pace));
          pending.length = 0;
        }
        pending.push(record);
      }
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? String(error);
    }
  }

  /** Leave the header's next-slot hints right and close. A period not yet ended is picked up
   * from the fine ring by the next writer. */
  close(): void {
    if (this.#fd < 0) return;
    try {
      writeSync(this.#fd, packHistoryHeader(this.#rings, this.#lastSeq), 0, undefined, 0);
    } finally {
      closeSync(this.#fd);
      this.#fd = -1;
    }
  }

  #write(ring: number, record: ResourceRecord): void {
    const seq = this.#lastSeq[ring]! + 1;
    const bytes = packRecordInto(record, seq, this.#record);
    writeSync(this.#fd, bytes, 0, bytes.length, recordPosition(this.#rings, ring, seq));
    this.#lastSeq[ring] = seq;
  }
}
