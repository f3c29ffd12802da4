// Keeps a local tree's facts fresh without statting 1000 directories every second: the services on
// screen (the interest) are watched (their supervise/ directory, where every status change is a
// rename of status.new) and read at once when it changes, and read every `interestMs` anyway
// (every second where no watch could be set); every service is read once per `allMs` (spread over
// that period in slices); the tree is re-listed when its directory changes (fs.watch, debounced)
// and every `listMs` in case the watch is silent. Every timer and watch is released by `stop()`.
// Readings go to `emit`; deciding what changed is the store's job.
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
  /** How often a watched service on screen is read all the same. */
  watchedMs?: number;
  interestMs?: number;
  allMs?: number;
  listMs?: number;
  sliceMs?: number;
}

export class Poller {
  private entries: DirEntry[] = [];
  private rest: DirEntry[] = [];
  private interest = new Set<string>();
  /** Watches of the services on screen, and when each was last read. */
  private watched = new Map<string, { stop: () => void; readAt: number }>();
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
    const { interestMs = 1000, listMs = 10000, sliceMs = 500 } = this.times;
    // A big tree is swept more slowly: what is on screen is watched, the rest may lag a little.
    const allMs = this.times.allMs ?? Math.max(20_000, this.entries.length * 40);
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

  /** Read the services `start` left for later, 200 per turn of the event loop. */
  readRest(): void {
    const batch = this.rest.splice(0, 200);
    for (const e of batch) this.read(e);
    if (this.rest.length > 0) {
      const timer = setTimeout(() => this.readRest(), 0);
      timer.unref();
      this.timers.push(timer);
    }
  }

  setInterest(names: readonly string[]): void {
    this.interest = new Set(names);
    for (const [name, watch] of this.watched) {
      if (this.interest.has(name)) continue;
      watch.stop();
      this.watched.delete(name);
    }
    if (!this.ports.watchService) return;
    for (const name of this.interest) {
      const entry = this.entry(name);
      if (!entry || this.watched.has(name)) continue;
      let timer: NodeJS.Timeout | undefined;
      const stop = this.ports.watchService(entry, () => {
        // A status write is a few events (status.new, the rename): read once they are done.
        timer ??= setTimeout(() => {
          timer = undefined;
          const current = this.entry(name);
          if (current && this.watched.has(name)) this.read(current);
        }, 10);
      });
      if (stop)
        this.watched.set(name, {
          stop: () => {
            if (timer) clearTimeout(timer);
            stop();
          },
          readAt: this.ports.now(),
        });
    }
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
    const entry = this.entries.find((e) => e.name === name);
    return entry ? this.read(entry) : undefined;
  }

  entry(name: string): DirEntry | undefined {
    return this.entries.find((e) => e.name === name);
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
    const known = new Set(this.entries.map((e) => e.name));
    const same = entries.length === this.entries.length && entries.every((e) => known.has(e.name));
    this.entries = entries;
    if (same && readNew) return;
    this.ports.listed(entries);
    // New services are read at once, not at their turn in the slices.
    if (readNew) for (const e of entries) if (!known.has(e.name)) this.read(e);
  }

  private readInterest(): void {
    const now = this.ports.now();
    const watchedMs = this.times.watchedMs ?? 5000;
    for (const e of this.entries) {
      if (!this.interest.has(e.name)) continue;
      const watch = this.watched.get(e.name);
      if (watch && now - watch.readAt < watchedMs) continue;
      this.read(e);
    }
  }

  private readSlice(count: number): void {
    for (let i = 0; i < count && this.entries.length > 0; i++) {
      this.cursor = (this.cursor + 1) % this.entries.length;
      const entry = this.entries[this.cursor];
      // A service on screen is watched and polled on its own: no need to sweep it too.
      if (entry && !this.watched.has(entry.name)) this.read(entry);
    }
  }

  private read(entry: DirEntry): ServiceFacts {
    const facts = this.ports.read(entry);
    const now = this.ports.now();
    const watch = this.watched.get(entry.name);
    if (watch) watch.readAt = now;
    this.ports.emit(entry, facts, now);
    return facts;
  }
}
