// The file system as the log view needs it: list a log directory's timeline, open one of its
// files and read bytes at a position. The port keeps the reading logic testable; the Node
// adapter below is the only code here that touches node:fs. Reads are positional (pread):
// never a whole file, never mmap (a truncated file would SIGBUS).
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { timelineNames, type Segment } from './segments.js';

export interface OpenFile {
  id: string;
  size: number;
  /** Up to `length` bytes at `position` (fewer at the end of the file). */
  read(position: number, length: number): Uint8Array;
  /** The same into `target` (reused by long walks: no garbage per read); the bytes read. */
  readInto?(target: Uint8Array, position: number, length: number): Uint8Array;
  close(): void;
}

export interface LogFiles {
  /** The timeline (oldest first); empty when the directory is missing. */
  list(dir: string): Segment[];
  /** Open a file of the timeline; undefined when it is gone (other errors throw). */
  open(dir: string, name: string): OpenFile | undefined;
}

/** The Node adapter. Keeps the identity of rotated files (they never change) between lists. */
export function nodeLogFiles(): LogFiles {
  const known = new Map<string, Segment>();
  return {
    list(dir) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return [];
      }
      const segments: Segment[] = [];
      const seen = new Set<string>();
      for (const name of timelineNames(names)) {
        const path = join(dir, name);
        const cached = name === 'current' ? undefined : known.get(path);
        if (cached) {
          segments.push(cached);
          seen.add(path);
          continue;
        }
        try {
          const st = statSync(path);
          const segment = { name, id: `${st.dev}:${st.ino}`, size: st.size };
          if (name !== 'current') known.set(path, segment);
          segments.push(segment);
          seen.add(path);
        } catch {
          // Deleted between readdir and stat.
        }
      }
      for (const path of known.keys()) if (!seen.has(path)) known.delete(path);
      return segments;
    },
    open(dir, name) {
      let fd: number;
      try {
        fd = openSync(join(dir, name), 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error; // e.g. permission denied: the view says so
      }
      const st = fstatSync(fd);
      return {
        id: `${st.dev}:${st.ino}`,
        size: st.size,
        read(position, length) {
          return this.readInto!(Buffer.allocUnsafe(length), position, length);
        },
        readInto(target, position, length) {
          let filled = 0;
          while (filled < length) {
            const n = readSync(fd, target, filled, length - filled, position + filled);
            if (n <= 0) break;
            filled += n;
          }
          return target.subarray(0, filled);
        },
        close() {
          closeSync(fd);
        },
      };
    },
  };
}
