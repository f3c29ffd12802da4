// Keeps a local tree's facts fresh without statting 1000 directories every second. Every service's
// supervise/ directory is watched (every status change is a rename of status.new into it), up to
// `maxWatches`, and a service is read as soon as its directory changes. Polling is the safety net:
// a watched service is read again every `watchedMs` all the same; one that could not be watched
// (no supervise/ yet, the kernel's watch limit) is read every `interestMs` while on screen and once
// per `allMs` otherwise (spread over that period in slices). The tree is re-listed when its
// directory changes (fs.watch, debounced) and every `listMs`. Every timer and watch is released
// by `stop()`. Readings go to `emit`; deciding what changed is the store's job.
import type { ServiceFacts } from '../port.js';
import type { DirEntry } from './observe.js';

export interface PollerPorts {
  list(): DirEntry[];
  read(entry: DirEntry): ServiceFacts;
  /** Called with every reading and the time it was taken. */
  emit(entry: DirEntry, facts: ServiceFacts, atMs: number): void;
  /** The tree's entries changed (names added or removed). */
  listed(entries: readonly DirEntry[]): void;
  /** Calls back when the tree's directory changes; returns a stop function. */
  watchTree?(onChange: () => void): () => void;
  /** Calls back when a service's status may have changed; undefined when it cannot watch. */
  watchService?(entry: DirEntry, onChange: () => void): (() => void) | undefined;
  now(): number;
}

export interface PollerTimes {
  /** How often a watched service is read all the same. */
  watchedMs?: number;
  /** How often an unwatched service on screen is read. */
  interestMs?: number;
  /** How long a sweep of every unwatched service takes. */
  allMs?: number;
  listMs?: number;
  sliceMs?: number;
  maxWatches?: number;
}

interface Watch {
  stop: () => void;
  readAt: number;
}

export class Poller {
  private entries: DirEntry[] = [];
  private rest: DirEntry[] = [];
  private interest = new Set<string>();
  private watched = new Map<string, Watch>();
  /** The pid each service last ran as (a removed directory is reached through it). */
  private pids = new Map<string, number>();
  private cursor = 0;
  private timers: NodeJS.Timeout[] = [];
  private unwatch: (() => void) | undefined;
  private relist: NodeJS.Timeout | undefined;

  constructor(
    private readonly ports: PollerPorts,
    private readonly times: PollerTimes = {},
  ) {}

  /**
   * Take the listing (or list now) and read the first `firstRows` services: the first screen
   * needs only them. The rest are read by `readRest`, once that screen is up.
   */
  start(initial?: DirEntry[], firstRows = 64): void {
    this.rescan(initial, false);
    for (const e of this.entries.slice(0, firstRows)) this.read(e);
    this.rest = this.entries.slice(firstRows);
    const { interestMs = 1000, listMs = 10000, sliceMs = 500, allMs = 20_000 } = this.times;
    const every = (ms: number, f: () => void) => {
      const timer = setInterval(f, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(interestMs, () => this.readInterest());
    every(sliceMs, () => this.readSlice(Math.ceil(this.entries.length * (sliceMs / allMs))));
    every(listMs, () => this.rescan());
    this.unwatch = this.ports.watchTree?.(() => this.scheduleRescan());
  }

  /** Read the services `start` left for later, 200 per turn of the event loop; then watch all. */
  readRest(): void {
    const batch = this.rest.splice(0, 200);
    for (const e of batch) this.read(e);
    if (this.rest.length > 0) {
      const timer = setTimeout(() => this.readRest(), 0);
      timer.unref();
      this.timers.push(timer);
    } else this.watchAll();
  }

  setInterest(names: readonly string[]): void {
    this.interest = new Set(names);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    if (this.relist) clearTimeout(this.relist);
    this.unwatch?.();
    this.unwatch = undefined;
    for (const watch of this.watched.values()) watch.stop();
    this.watched.clear();
  }

  /** Read one service now (after an action, while waiting for its outcome). */
  refresh(name: string): ServiceFacts | undefined {
    const entry = this.entry(name);
    return entry ? this.read(entry) : undefined;
  }

  /** Every service with the pid it last ran as (0: down, or never seen up). */
  running(): { entry: DirEntry; pid: number }[] {
    return this.entries.map((entry) => ({ entry, pid: this.pids.get(entry.name) ?? 0 }));
  }

  entry(name: string): DirEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** Whether `name`'s supervise/ is watched (tests, and the status of the safety net). */
  watching(name: string): boolean {
    return this.watched.has(name);
  }

  private scheduleRescan(): void {
    if (this.relist) return;
    this.relist = setTimeout(() => {
      this.relist = undefined;
      this.rescan();
    }, 50);
    this.relist.unref();
  }

  private rescan(initial?: DirEntry[], readNew = true): void {
    let entries: DirEntry[];
    try {
      entries = initial ?? this.ports.list();
    } catch {
      return; // The tree vanished for a moment: keep showing what we had.
    }
    entries = this.keepRemoved(entries);
    const known = new Set(this.entries.map((e) => e.name));
    const wasRemoved = new Set(this.entries.filter((e) => e.removed).map((e) => e.name));
    const same =
      entries.length === this.entries.length &&
      entries.every((e) => known.has(e.name) && !!e.removed === wasRemoved.has(e.name));
    this.entries = entries;
    if (same && readNew) {
      this.watchAll(); // a supervise/ made since: watch it now
      return;
    }
    this.ports.listed(entries);
    const names = new Set(entries.map((e) => e.name));
    for (const [name, watch] of this.watched) {
      if (names.has(name)) continue;
      watch.stop();
      this.watched.delete(name);
    }
    if (!readNew) return;
    // New services are read and watched at once, not at their turn in the slices.
    for (const e of entries) if (!known.has(e.name)) this.read(e);
    this.watchAll();
  }

  /**
   * Services whose directory left the tree while they ran stay, reached through their process
   * (`/proc/PID/cwd` is the directory, moved or deleted, as long as the process lives), until
   * that process is gone.
   */
  private keepRemoved(listed: DirEntry[]): DirEntry[] {
    const names = new Set(listed.map((e) => e.name));
    const kept: DirEntry[] = [];
    for (const e of this.entries) {
      if (names.has(e.name)) continue;
      const pid = this.pids.get(e.name);
      if (!pid) continue;
      const entry = { name: e.name, dir: `/proc/${pid}/cwd`, removed: true };
      const facts = this.ports.read(entry);
      if (facts.observation.status?.pid !== pid) continue;
      kept.push(entry);
    }
    if (kept.length === 0) return listed;
    return [...listed, ...kept].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Watch every service not watched yet, up to the cap. */
  private watchAll(): void {
    const watchService = this.ports.watchService;
    if (!watchService || this.rest.length > 0) return;
    const cap = this.times.maxWatches ?? 4096;
    for (const entry of this.entries) {
      if (this.watched.size >= cap) return;
      if (this.watched.has(entry.name)) continue;
      const name = entry.name;
      let timer: NodeJS.Timeout | undefined;
      const stop = watchService(entry, () => {
        // A status write is a few events (status.new, the rename): read once they are done.
        timer ??= setTimeout(() => {
          timer = undefined;
          const current = this.entry(name);
          if (current && this.watched.has(name)) this.read(current);
        }, 10);
      });
      if (!stop) continue;
      this.watched.set(name, {
        stop: () => {
          if (timer) clearTimeout(timer);
          stop();
        },
        readAt: this.ports.now(),
      });
    }
  }

  /**
   * Due for a poll: not watched, or watched but not read for `watchedMs` (5 minutes; 10 s for a
   * service on screen). The kernel's notifications are the news; this only catches a watch that
   * went quiet (a directory replaced under it, a file system that does not notify).
   */
  private due(name: string, now: number, onScreen = false): boolean {
    const watch = this.watched.get(name);
    const after = onScreen ? 10_000 : (this.times.watchedMs ?? 300_000);
    return !watch || now - watch.readAt >= after;
  }

  private readInterest(): void {
    const now = this.ports.now();
    for (const e of this.entries)
      if (this.interest.has(e.name) && this.due(e.name, now, true)) this.read(e);
  }

  private readSlice(count: number): void {
    const now = this.ports.now();
    for (let i = 0; i < count && this.entries.length > 0; i++) {
      this.cursor = (this.cursor + 1) % this.entries.length;
      const entry = this.entries[this.cursor];
      if (entry && this.due(entry.name, now)) this.read(entry);
    }
  }

  private read(entry: DirEntry): ServiceFacts {
    const facts = this.ports.read(entry);
    // The last pid seen is kept while the status cannot be read (a directory moved away under
    // a watch reads as missing): keepRemoved finds the service through that pid.
    const pid = facts.observation.status?.pid;
    if (pid) this.pids.set(entry.name, pid);
    else if (pid === 0) this.pids.delete(entry.name);
    const now = this.ports.now();
    const watch = this.watched.get(entry.name);
    if (watch) watch.readAt = now;
    this.ports.emit(entry, facts, now);
    return facts;
  }
}
