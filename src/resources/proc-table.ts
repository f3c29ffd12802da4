// The only code of the sampler that reads /proc. One sweep lists /proc once and reads every
// process's `stat` once: through a descriptor kept open from the sweep that first saw the
// process and read again with pread at offset 0 (the kernel regenerates the line), because on
// 500 sleeping services plus the box's own ~80 processes that costs 2.8 ms a sweep against 8.0 ms
// for open + read + close and 16 ms for readFileSync (bench/resources.bench.js measures the
// sampler as a whole). A kept descriptor names one process: once it dies the read fails (ESRCH),
// even if its pid was reused, so the table reopens and sees the newcomer.
//
// A sweep reads again only the processes it is asked to watch (the services' sessions, and the
// main pids); any other is read when its pid first appears and then kept as it was, because a
// process never joins a session but by being forked into it (a new pid, read at once) or by
// setsid() (then its pid is the session's: a main pid, always read). Its kept line goes stale
// only if the pid dies and is reused between two sweeps; every `refreshEvery` sweeps reads them
// all to bound that.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { parseAuxv, parseSmapsRollupPss, parseStat, type ProcStat } from './proc-parse.js';

export interface ProcTableOptions {
  /** Where procfs is mounted. */
  proc?: string;
  /** Descriptors kept open at most; processes beyond are opened and closed each sweep. */
  maxOpen?: number;
  /** Read every process, watched or not, once in this many sweeps (15). */
  refreshEvery?: number;
}

/** What a sweep must read afresh: processes of these sessions, and these pids. */
export interface Watch {
  sids: ReadonlySet<number>;
  pids: ReadonlySet<number>;
}

interface Entry {
  fd: number;
  seen: number;
  stat: ProcStat;
}

export class ProcTable {
  readonly #proc: string;
  readonly #maxOpen: number;
  readonly #refreshEvery: number;
  readonly #entries = new Map<number, Entry>();
  readonly #buffer = Buffer.alloc(4096);
  #open = 0;
  #sweep = 0;

  constructor(options: ProcTableOptions = {}) {
    this.#proc = options.proc ?? '/proc';
    this.#maxOpen = options.maxOpen ?? 4096;
    this.#refreshEvery = options.refreshEvery ?? 15;
  }

  /** Every process on the box now: those watched (all, without `watch`) read afresh. */
  sweep(watch?: Watch): ProcStat[] {
    const sweep = ++this.#sweep;
    const all = !watch || sweep % this.#refreshEvery === 1;
    const out: ProcStat[] = [];
    let names: string[];
    try {
      names = readdirSync(this.#proc);
    } catch {
      return out;
    }
    for (const name of names) {
      const first = name.charCodeAt(0);
      if (first < 48 || first > 57) continue;
      const pid = Number(name);
      const kept = this.#entries.get(pid);
      if (kept && !all && !watch.sids.has(kept.stat.sid) && !watch.pids.has(pid)) {
        kept.seen = sweep;
        out.push(kept.stat);
        continue;
      }
      const stat = this.#read(pid, kept);
      if (!stat) continue;
      this.#entries.get(pid)!.seen = sweep;
      out.push(stat);
    }
    for (const [pid, entry] of this.#entries) if (entry.seen !== sweep) this.#forget(pid, entry);
    return out;
  }

  /** PSS of one process in KB, from smaps_rollup (Linux ≥ 4.14); undefined if unreadable. */
  readPss(pid: number): number | undefined {
    try {
      const bytes = readFileSync(`${this.#proc}/${pid}/smaps_rollup`);
      return parseSmapsRollupPss(bytes);
    } catch {
      return undefined;
    }
  }

  /** Close every descriptor; the table can sweep again afterwards. */
  close(): void {
    for (const [pid, entry] of this.#entries) this.#forget(pid, entry);
  }

  get openDescriptors(): number {
    return this.#open;
  }

  #read(pid: number, entry: Entry | undefined): ProcStat | undefined {
    if (entry && entry.fd >= 0) {
      try {
        const stat = parseStat(this.#buffer, readSync(entry.fd, this.#buffer, 0, 4096, 0));
        if (stat) entry.stat = stat;
        return stat;
      } catch {
        this.#forget(pid, entry); // it died; the pid may already be someone else's
      }
    }
    let fd: number;
    try {
      fd = openSync(`${this.#proc}/${pid}/stat`, 'r');
    } catch {
      this.#entries.delete(pid);
      return undefined; // gone between the listing and the open
    }
    try {
      const stat = parseStat(this.#buffer, readSync(fd, this.#buffer, 0, 4096, 0));
      if (stat && this.#open < this.#maxOpen) {
        this.#entries.set(pid, { fd, seen: 0, stat });
        this.#open++;
        return stat;
      }
      closeSync(fd);
      if (stat) this.#entries.set(pid, { fd: -1, seen: 0, stat });
      return stat;
    } catch {
      closeSync(fd);
      this.#entries.delete(pid);
      return undefined;
    }
  }

  #forget(pid: number, entry: Entry): void {
    if (entry.fd >= 0) {
      closeSync(entry.fd);
      this.#open--;
    }
    this.#entries.delete(pid);
  }
}

/** The clock tick (USER_HZ) and page size of this machine, from /proc/self/auxv. */
export function machineUnits(proc = '/proc'): { clockTicks: number; pageSize: number } {
  let found: { clockTicks?: number; pageSize?: number } = {};
  try {
    found = parseAuxv(readFileSync(`${proc}/self/auxv`));
  } catch {
    // no auxv (a restricted /proc): Linux's USER_HZ is 100 everywhere, pages are 4 KB on x86
  }
  return { clockTicks: found.clockTicks ?? 100, pageSize: found.pageSize ?? 4096 };
}
