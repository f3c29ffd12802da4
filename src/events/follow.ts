// Following services' event files as they grow, as `tail -F` follows a log: each service's
// supervise/ directory is watched (inotify tells of an append and of the rename that rotates
// svtui-events to svtui-events.old), with a stat poll behind it for file systems where watching
// is silent and for a supervise/ that does not exist yet. Each file is known by its inode and
// read from where the last read stopped; when the inode under the name changes, the rest of the
// old one is read from svtui-events.old first, then the new file from its start. Only complete
// lines are handed on (a line being written waits for its newline).
import { closeSync, fstatSync, openSync, readSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import { decodeLines, eventsPath, type EventLine } from './read.js';

export interface FollowTarget {
  name: string;
  dir: string;
}

interface Followed extends FollowTarget {
  path: string;
  ino: number | undefined;
  offset: number;
  /** The size of the file when following began: history() reads up to here. */
  size: number;
  /** Bytes read after the last newline. */
  partial: Buffer;
  watcher: FSWatcher | undefined;
}

export class EventFollower {
  readonly #followed: Followed[];
  readonly #emit: (name: string, lines: EventLine[]) => void;
  #timer: NodeJS.Timeout | undefined;

  /**
   * Takes each file's inode and size now; `history()` then reads up to there, and `emit` is
   * called with each service's later complete lines, in file order.
   */
  constructor(
    targets: readonly FollowTarget[],
    emit: (name: string, lines: EventLine[]) => void,
    pollMs = 500,
  ) {
    this.#emit = emit;
    this.#followed = targets.map((t) => {
      const path = eventsPath(t.dir);
      const st = statOf(path);
      return {
        ...t,
        path,
        ino: st?.ino,
        offset: 0,
        size: st?.size ?? 0,
        partial: Buffer.alloc(0),
        watcher: undefined,
      };
    });
    for (const f of this.#followed) this.#watch(f);
    this.#timer = setInterval(() => {
      for (const f of this.#followed) {
        if (!f.watcher) this.#watch(f);
        this.#check(f);
      }
    }, pollMs);
  }

  /** Each service's events up to where following began (the rotated file's first), oldest first. */
  history(): EventLine[][] {
    return this.#followed.map((f) => {
      const lines: EventLine[] = [];
      const old = readOld(f.path, f.ino);
      if (old.length > 0) lines.push(...decodeLines(old.toString('utf8')));
      if (f.ino !== undefined) take(f, readFrom(f.path, 0, f.ino, f.size), lines);
      return lines;
    });
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const f of this.#followed) {
      f.watcher?.close();
      f.watcher = undefined;
    }
  }

  #watch(f: Followed): void {
    try {
      f.watcher = watch(dirname(f.path), () => this.#check(f));
      f.watcher.on('error', () => {
        f.watcher?.close();
        f.watcher = undefined; // supervise/ went away: the poll looks for it again
      });
    } catch {
      f.watcher = undefined;
    }
  }

  #check(f: Followed): void {
    const st = statOf(f.path);
    const lines: EventLine[] = [];
    if (st && st.ino === f.ino) {
      if (st.size < f.offset) {
        f.offset = 0; // truncated in place: read it again from the start
        f.partial = Buffer.alloc(0);
      }
      take(f, readFrom(f.path, f.offset, st.ino), lines);
    } else if (st || f.ino !== undefined) {
      // Rotated (or made): the rest of the file we were reading is now svtui-events.old.
      if (f.ino !== undefined) take(f, readFrom(`${f.path}.old`, f.offset, f.ino), lines);
      f.partial = Buffer.alloc(0);
      f.ino = st?.ino;
      f.offset = 0;
      if (st) take(f, readFrom(f.path, 0, st.ino), lines);
    }
    if (lines.length > 0) this.#emit(f.name, lines);
  }
}

/** Add a chunk read at `f.offset`: its complete lines go to `lines`, the rest waits. */
function take(f: Followed, chunk: Buffer, lines: EventLine[]): void {
  if (chunk.length === 0) return;
  f.offset += chunk.length;
  const bytes = f.partial.length > 0 ? Buffer.concat([f.partial, chunk]) : chunk;
  const end = bytes.lastIndexOf(0x0a) + 1;
  lines.push(...decodeLines(bytes.subarray(0, end).toString('utf8')));
  f.partial = Buffer.from(bytes.subarray(end));
}

function statOf(path: string): { ino: number; size: number } | undefined {
  try {
    const st = statSync(path);
    return { ino: st.ino, size: st.size };
  } catch {
    return undefined;
  }
}

/** The rotated file, unless it is the one being followed (rotated since it was looked at). */
function readOld(path: string, following: number | undefined): Buffer {
  const st = statOf(`${path}.old`);
  return st && st.ino !== following ? readFrom(`${path}.old`, 0, st.ino) : Buffer.alloc(0);
}

/**
 * The bytes of `path` from `offset` to its end (or to `end`), if it still is the file with inode
 * `ino`.
 */
function readFrom(path: string, offset: number, ino: number, end = Infinity): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const st = fstatSync(fd);
    const size = Math.min(st.size, end);
    if (st.ino !== ino || size <= offset) return Buffer.alloc(0);
    const out = Buffer.alloc(size - offset);
    let got = 0;
    while (got < out.length) {
      const n = readSync(fd, out, got, out.length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    return out.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
