// svscan's look at DIR, every scan: each entry not starting with `.` that is a directory (symlinks
// followed), named with its device and inode. svscan stat()s every entry at every scan; this
// does too while DIR changes, and otherwise stat()s only the symlinks (whose target can change
// without DIR changing). An entry's name can point at another inode only through a change to DIR
// itself, which moves DIR's ctime — trusted once it is a second old, so a change in the same
// tick of the file system's clock as the last look is never missed.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../codec/errors.js';

/** A directory found in DIR: `key` is `dev:ino` (a rename keeps it). */
export interface Listed {
  name: string;
  key: string;
}

/** How old DIR's change time must be (by the wall clock, as the file system's) to be trusted. */
const SETTLED_MS = 1000;

export class TreeListing {
  /** The last look's directories by name (symlinks not kept), and the ctime it stands for. */
  private kept = new Map<string, string>();
  private keptFor: bigint | undefined;

  constructor(
    private readonly dir: string,
    private readonly warn: (line: string) => void,
  ) {}

  /** Undefined when DIR cannot be read (said once per look): then nothing is known of it. */
  read(): Listed[] | undefined {
    let changed: bigint | undefined;
    try {
      changed = statSync(this.dir, { bigint: true }).ctimeNs;
    } catch {
      changed = undefined;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(this.dir, { withFileTypes: true });
    } catch (error) {
      this.warn(`unable to read ${this.dir}: ${describeError(error)}`);
      return undefined;
    }
    const trusted = changed !== undefined && changed === this.keptFor;
    const settled =
      changed !== undefined && Number(changed / 1_000_000n) <= Date.now() - SETTLED_MS;
    const kept = new Map<string, string>();
    const listed: Listed[] = [];
    for (const entry of entries) {
      const { name } = entry;
      if (name.startsWith('.')) continue;
      const known = trusted && !entry.isSymbolicLink() ? this.kept.get(name) : undefined;
      const key = known ?? this.keyOf(entry);
      if (key === undefined) continue;
      if (!entry.isSymbolicLink()) kept.set(name, key);
      listed.push({ name, key });
    }
    this.kept = kept;
    this.keptFor = settled ? changed : undefined;
    return listed;
  }

  /** `dev:ino` of a directory entry, or undefined for anything else (a file, a dangling link). */
  private keyOf(entry: Dirent): string | undefined {
    if (entry.isFile()) return undefined;
    try {
      const st = statSync(join(this.dir, entry.name), { bigint: true }); // inodes can pass 2^53
      return st.isDirectory() ? `${st.dev}:${st.ino}` : undefined;
    } catch (error) {
      this.warn(`unable to stat ${entry.name}: ${describeError(error)}`);
      return undefined;
    }
  }
}
