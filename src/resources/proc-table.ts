// The only code of the sampler that reads /proc, and the table of the box's processes it keeps.
// One sweep lists /proc once and reads each process's `stat` through a descriptor kept open from
// the sweep that first saw the process, again with pread at offset 0 (the kernel regenerates the
// line): on 500 sleeping services plus the box's own ~80 processes that costs 2.8 ms a sweep
// against 8.0 ms for open + read + close and 16 ms for readFileSync. A kept descriptor names one
// process: once it dies the read fails (ESRCH), even if its pid was reused, so the table reopens
// and sees the newcomer.
//
// Nothing is made afresh each sweep (bench/resources.bench.js measures the sampler with Node's
// small young generation, as users run svtui, where garbage is CPU): each process is one `Proc`
// updated in place, its CPU is the delta of its ticks since its own previous read, and sessions
// and children are lists threaded through the Procs, rebuilt each sweep without allocating.
//
// A sweep reads again only the processes it is asked to watch (the services' sessions, and the
// main pids); any other is read when its pid first appears and then kept as it was, because a
// process never joins a session but by being forked into it (a new pid, read at once) or by
// setsid() (then its pid is the session's: a main pid, always read). Its kept line goes stale
// only if the pid dies and is reused between two sweeps; every `refreshEvery` sweeps reads them
// all to bound that.
//
// On a quiet box a sweep does not even list /proc: the last pid the kernel handed out (the last
// field of /proc/loadavg, one pread) has not moved since the last sweep, so no process was born
// and none can have joined a session or taken a dead one's pid; the watched ones are read again
// from the table (a dead one fails its read), the others kept. A listing of /proc costs ~1.5 ms
// with 600 processes, as much as 150 stat reads, and makes a string per process.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { parseAuxv, parseSmapsRollupPss, parseStatInto, type ProcStat } from './proc-parse.js';

const SLASH = 0x2f;

export interface ProcTableOptions {
  /** Where procfs is mounted. */
  proc?: string;
  /** Descriptors kept open at most; processes beyond are opened and closed each sweep. */
  maxOpen?: number;
  /** Read every process, watched or not, once in this many sweeps (15). */
  refreshEvery?: number;
}

/** One process of the box, updated in place by each sweep that reads it. */
export class Proc implements ProcStat {
  pid: number;
  ppid = 0;
  sid = 0;
  ticks = 0;
  threads = 0;
  starttime = 0;
  rssPages = 0;
  /** Ticks used between the read before and the last one, over `deltaMs`; NaN when unknown. */
  deltaTicks = Number.NaN;
  deltaMs = Number.NaN;
  /** PSS in KB from the last smaps_rollup read of this process; NaN before one. */
  pssKB = Number.NaN;
  /** The sweep of that read (0: none) and the RSS then, in pages. */
  pssSweep = 0;
  pssRssPages = 0;
  /** The sweep that last read the stat line, and when (monotonic ms). */
  readSweep = 0;
  readAt = Number.NaN;
  fd = -1;
  seen = 0;
  watched = 0;
  nextInSession: Proc | undefined = undefined;
  childSweep = 0;
  firstChild: Proc | undefined = undefined;
  nextSibling: Proc | undefined = undefined;

  constructor(pid: number) {
    this.pid = pid;
  }
}

class Session {
  sweep = 0;
  first: Proc | undefined = undefined;
  watched = 0;
}

export class ProcTable {
  readonly #proc: string;
  readonly #maxOpen: number;
  readonly #refreshEvery: number;
  readonly #procs = new Map<number, Proc>();
  readonly #sessions = new Map<number, Session>();
  readonly #buffer = Buffer.alloc(4096);
  /** /proc/loadavg, kept open (-1 before the first sweep; -2 where it cannot be read). */
  #loadavg = -1;
  /** Its last pid and thread count at the last sweep that listed /proc (-1: unknown). */
  #lastPid = -1;
  #threads = -1;
  /** Watched pids not in the table: looked for even when /proc is not listed. */
  readonly #missing: number[] = [];
  #open = 0;
  #sweep = 0;
  #lastAt = Number.NaN;
  #cpuKnown = false;

  constructor(options: ProcTableOptions = {}) {
    this.#proc = options.proc ?? '/proc';
    this.#maxOpen = options.maxOpen ?? 4096;
    this.#refreshEvery = options.refreshEvery ?? 15;
  }

  /**
   * Before the next sweep: read main pid `pid` afresh, and every process of its session — and of
   * the session it is in, if it leads none (daemontools' supervise does not call setsid).
   */
  watch(pid: number): void {
    const next = this.#sweep + 1;
    this.#session(pid).watched = next;
    const p = this.#procs.get(pid);
    if (p) {
      p.watched = next;
      if (p.sid !== pid) this.#session(p.sid).watched = next;
    } else this.#missing.push(pid);
  }

  /**
   * Sweep /proc at monotonic time `at` (ms): every process watched since the last sweep read
   * afresh (every one with `all`, on the first sweep and every `refreshEvery`), the dead let go.
   */
  sweep(at: number, all = false): void {
    const sweep = ++this.#sweep;
    const everyone = all || (sweep - 1) % this.#refreshEvery === 0;
    this.#cpuKnown = !Number.isNaN(this.#lastAt);
    if (this.#pidsMoved() || everyone) this.#list(sweep, at, everyone);
    else this.#rereadWatched(sweep, at);
    this.#missing.length = 0;
    // Let the dead go, and thread sessions and children through the living.
    for (const p of this.#procs.values()) {
      if (p.seen !== sweep) {
        this.#forget(p);
        continue;
      }
      const session = this.#session(p.sid);
      if (session.sweep !== sweep) {
        session.sweep = sweep;
        session.first = undefined;
      }
      p.nextInSession = session.first;
      session.first = p;
      const parent = this.#procs.get(p.ppid);
      if (parent) {
        if (parent.childSweep !== sweep) {
          parent.childSweep = sweep;
          parent.firstChild = undefined;
        }
        p.nextSibling = parent.firstChild;
        parent.firstChild = p;
      }
    }
    if (everyone)
      for (const [sid, session] of this.#sessions)
        if (session.sweep !== sweep && session.watched < sweep) this.#sessions.delete(sid);
    this.#lastAt = at;
  }

  /** List /proc: every watched process read afresh (all of them with `everyone`), the new added. */
  #list(sweep: number, at: number, everyone: boolean): void {
    let names: string[];
    try {
      names = readdirSync(this.#proc);
    } catch {
      names = [];
    }
    for (let n = 0; n < names.length; n++) {
      const name = names[n]!;
      const first = name.charCodeAt(0);
      if (first < 48 || first > 57) continue;
      const pid = Number(name);
      let p = this.#procs.get(pid);
      if (p && !everyone && p.watched !== sweep && this.#sessions.get(p.sid)?.watched !== sweep) {
        p.seen = sweep; // kept as it was
        continue;
      }
      if (p && !this.#reread(p, at)) p = undefined; // died: the pid may be someone else's now
      if (!p) p = this.#add(pid, at);
      if (p) p.seen = sweep;
    }
  }

  /** No pid was handed out since the last sweep: the table is the box's processes, or more. */
  #rereadWatched(sweep: number, at: number): void {
    for (const p of this.#procs.values()) {
      if (p.watched !== sweep && this.#sessions.get(p.sid)?.watched !== sweep) p.seen = sweep;
      else if (this.#reread(p, at)) p.seen = sweep;
    }
    // A main pid the table lacks (gone, or not readable at the last listing): one look.
    for (const pid of this.#missing) {
      const p = this.#procs.get(pid) ?? this.#add(pid, at);
      if (p) p.seen = sweep;
    }
  }

  /**
   * Has the kernel handed out a pid (or a thread id) since the last call? /proc/loadavg ends with
   * "running/threads lastpid". True when it cannot be read (a made-up /proc in tests).
   */
  #pidsMoved(): boolean {
    if (this.#loadavg === -1) {
      try {
        this.#loadavg = openSync(`${this.#proc}/loadavg`, 'r');
      } catch {
        this.#loadavg = -2;
      }
    }
    if (this.#loadavg < 0) return true;
    const b = this.#buffer;
    let length: number;
    try {
      length = readSync(this.#loadavg, b, 0, 128, 0);
    } catch {
      return true;
    }
    // From the end: the last pid, then after '/' the thread count.
    let i = length - 1;
    while (i >= 0 && (b[i]! < 48 || b[i]! > 57)) i--;
    let lastPid = 0;
    for (let scale = 1; i >= 0 && b[i]! >= 48 && b[i]! <= 57; i--, scale *= 10)
      lastPid += (b[i]! - 48) * scale;
    while (i >= 0 && b[i] !== SLASH) i--;
    let threads = 0;
    for (let k = i + 1; k < length && b[k]! >= 48 && b[k]! <= 57; k++)
      threads = threads * 10 + b[k]! - 48;
    const moved = lastPid !== this.#lastPid || threads !== this.#threads || i < 0;
    this.#lastPid = lastPid;
    this.#threads = threads;
    return moved;
  }

  /** Did a sweep come before the last one (since close)? Then processes have CPU figures. */
  get cpuKnown(): boolean {
    return this.#cpuKnown;
  }

  /** A process of the last sweep. */
  get(pid: number): Proc | undefined {
    return this.#procs.get(pid);
  }

  /** Was `p` read by the last sweep (not kept from an earlier one)? */
  fresh(p: Proc): boolean {
    return p.readSweep === this.#sweep;
  }

  /** The first process of session `sid` in the last sweep (then `nextInSession`). */
  session(sid: number): Proc | undefined {
    const s = this.#sessions.get(sid);
    return s && s.sweep === this.#sweep ? s.first : undefined;
  }

  /** The first child of `p` in the last sweep (then `nextSibling`). */
  firstChild(p: Proc): Proc | undefined {
    return p.childSweep === this.#sweep ? p.firstChild : undefined;
  }

  /**
   * Read the PSS of `p` again unless its RSS is what it was at its last PSS read and that read is
   * fewer than `maxAge` sweeps old: a process whose resident pages did not change rarely has a
   * new PSS (only when a process it shares pages with comes or goes), and a read walks all its
   * mappings (~0.1 ms, 20 × a stat read).
   */
  refreshPss(p: Proc, maxAge: number): void {
    if (p.pssSweep > 0 && p.rssPages === p.pssRssPages && this.#sweep - p.pssSweep < maxAge) return;
    this.readPss(p);
  }

  /** Read the PSS of `p` from smaps_rollup (Linux ≥ 4.14) into `p.pssKB`; false if unreadable. */
  readPss(p: Proc): boolean {
    let fd: number;
    try {
      fd = openSync(`${this.#proc}/${p.pid}/smaps_rollup`, 'r');
    } catch {
      return false;
    }
    try {
      const kb = parseSmapsRollupPss(this.#buffer, readSync(fd, this.#buffer, 0, 4096, 0));
      if (kb === undefined) return false;
      p.pssKB = kb;
      p.pssSweep = this.#sweep;
      p.pssRssPages = p.rssPages;
      return true;
    } catch {
      return false;
    } finally {
      closeSync(fd);
    }
  }

  /** Close every descriptor and forget every process; the next sweep starts over. */
  close(): void {
    for (const p of this.#procs.values()) this.#forget(p);
    this.#sessions.clear();
    if (this.#loadavg >= 0) closeSync(this.#loadavg);
    this.#loadavg = -1;
    this.#lastPid = this.#threads = -1;
    this.#lastAt = Number.NaN;
    this.#cpuKnown = false;
  }

  get openDescriptors(): number {
    return this.#open;
  }

  /** Read a known process again; false when it is gone (its descriptor is closed then). */
  #reread(p: Proc, at: number): boolean {
    const before = p.ticks;
    const startedAt = p.starttime;
    let ok: boolean;
    if (p.fd >= 0) {
      try {
        ok = parseStatInto(this.#buffer, readSync(p.fd, this.#buffer, 0, 4096, 0), p);
      } catch {
        ok = false; // it died (ESRCH)
      }
    } else {
      ok = this.#readOnce(p);
      if (ok && p.starttime !== startedAt) ok = false; // another process has the pid now
    }
    if (!ok) {
      this.#forget(p);
      return false;
    }
    p.deltaTicks = p.ticks - before;
    p.deltaMs = at - p.readAt;
    p.readAt = at;
    p.readSweep = this.#sweep;
    return true;
  }

  /** A pid not in the table: born since the last sweep, so all its ticks fall after it. */
  #add(pid: number, at: number): Proc | undefined {
    const p = new Proc(pid);
    let fd: number;
    try {
      fd = openSync(`${this.#proc}/${pid}/stat`, 'r');
    } catch {
      return undefined; // gone between the listing and the open
    }
    let ok = false;
    try {
      ok = parseStatInto(this.#buffer, readSync(fd, this.#buffer, 0, 4096, 0), p);
    } catch {
      ok = false;
    }
    if (ok && this.#open < this.#maxOpen) {
      p.fd = fd;
      this.#open++;
    } else closeSync(fd);
    if (!ok) return undefined;
    p.deltaTicks = p.ticks;
    p.deltaMs = at - this.#lastAt; // NaN on the first sweep: no CPU figure yet
    p.readAt = at;
    p.readSweep = this.#sweep;
    this.#procs.set(pid, p);
    return p;
  }

  #readOnce(p: Proc): boolean {
    let fd: number;
    try {
      fd = openSync(`${this.#proc}/${p.pid}/stat`, 'r');
    } catch {
      return false;
    }
    try {
      return parseStatInto(this.#buffer, readSync(fd, this.#buffer, 0, 4096, 0), p);
    } catch {
      return false;
    } finally {
      closeSync(fd);
    }
  }

  #session(sid: number): Session {
    let s = this.#sessions.get(sid);
    if (!s) {
      s = new Session();
      this.#sessions.set(sid, s);
    }
    return s;
  }

  #forget(p: Proc): void {
    if (p.fd >= 0) {
      closeSync(p.fd);
      p.fd = -1;
      this.#open--;
    }
    this.#procs.delete(p.pid);
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
