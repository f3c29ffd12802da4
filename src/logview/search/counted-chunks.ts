// The chunks a count has counted, in timeline order: each one's file, place and hits, and the
// hits before it ("hit X of Y" for any line costs one chunk's read). For counting on as the log
// grows, they are settled against a fresh listing: a file renamed by a rotation keeps its
// chunks under its new name; a file gone — or no longer the file counted, its inode taken by a
// new one — leaves, and the hits before each chunk are summed again.
import { renamedByRotation, type Segment } from '../segments.js';
import type { LogPosition } from '../types.js';

export interface CountedChunk {
  fileId: string;
  /** The file's name when it was counted, or last seen. */
  name: string;
  start: number;
  end: number;
  /** Hits before this chunk. */
  before: number;
  /** Hits in it. */
  hits: number;
  /** A file's first chunk: its first bytes (latin1), to know the file again. */
  head?: string;
}

/** The bytes of a file's start kept to know it again: a new file on a reused inode differs. */
export const HEAD_BYTES = 64;

export class CountedChunks {
  private readonly list: CountedChunk[] = [];

  /** Hits in every chunk. */
  get hits(): number {
    const last = this.list.at(-1);
    return last ? last.before + last.hits : 0;
  }

  /** Bytes in every chunk: what the count has read. */
  get bytes(): number {
    return this.list.reduce((sum, c) => sum + c.end - c.start, 0);
  }

  get last(): CountedChunk | undefined {
    return this.list.at(-1);
  }

  /**
   * A chunk counted in `segment` at `start`; with `growUpTo`, the last chunk takes it when it
   * goes on from there in the same file and stays within that many bytes.
   */
  add(segment: Segment, start: number, bytes: Uint8Array, hits: number, growUpTo = 0): void {
    const end = start + bytes.length;
    const last = this.list.at(-1);
    if (last?.fileId === segment.id && last.end === start && end - last.start <= growUpTo) {
      last.end = end;
      last.hits += hits;
      return;
    }
    const head = start === 0 ? latin1(bytes.subarray(0, HEAD_BYTES)) : undefined;
    const chunk = { fileId: segment.id, name: segment.name, start, end, before: this.hits, hits };
    this.list.push(head === undefined ? chunk : { ...chunk, head });
  }

  /** Chunks counted elsewhere (a worker), in order after these. */
  absorb(chunks: readonly CountedChunk[]): void {
    this.list.push(...chunks);
  }

  /** The chunks from the `from`-th on. */
  since(from: number): CountedChunk[] {
    return this.list.slice(from);
  }

  /** The chunk that holds the line at `position`. */
  holding(position: LogPosition): CountedChunk | undefined {
    return this.list.find(
      (c) => c.fileId === position.fileId && position.offset >= c.start && position.offset < c.end,
    );
  }

  /** The files counted. */
  fileIds(): Set<string> {
    return new Set(this.list.map((c) => c.fileId));
  }

  /**
   * Settle against the files `here` now (by identity): a file missing, shorter than counted,
   * under a name no rotation gives, or — named `current` or `previous` — starting with other
   * bytes (`headOf` reads them) is no longer the file counted: its chunks leave, and the hits
   * before each chunk are summed again.
   */
  settle(
    here: ReadonlyMap<string, Segment>,
    headOf: (segment: Segment, bytes: number) => string | undefined,
  ): void {
    const firsts = new Map<string, CountedChunk>();
    const lasts = new Map<string, CountedChunk>();
    for (const c of this.list) {
      if (!firsts.has(c.fileId)) firsts.set(c.fileId, c);
      lasts.set(c.fileId, c);
    }
    const gone = new Set<string>();
    for (const [id, last] of lasts) {
      const now = here.get(id);
      const first = firsts.get(id)!;
      if (!now || !renamedByRotation(last.name, now.name) || now.size < last.end) gone.add(id);
      else if (first.head !== undefined && !now.name.startsWith('@')) {
        if (headOf(now, first.head.length) !== first.head) gone.add(id);
      }
    }
    const kept = this.list.filter((c) => !gone.has(c.fileId));
    this.list.splice(0, this.list.length, ...kept);
    let before = 0;
    for (const chunk of this.list) {
      chunk.name = here.get(chunk.fileId)!.name;
      chunk.before = before;
      before += chunk.hits;
    }
  }

  /** The last chunk ends at `end` now, `hits` fewer (a line cut by its end, taken back). */
  shortenLast(end: number, hits: number): void {
    const last = this.list.at(-1);
    if (!last) return;
    last.end = end;
    last.hits -= hits;
    if (last.end <= last.start) this.list.pop();
  }
}

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
