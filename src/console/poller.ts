// Keeps the service store fresh without statting 1000 directories every second: the rows on
// screen are read every `visibleMs`, every row every `allMs` (spread over that period in slices),
// and the tree is re-listed every `allMs`. Every timer is cancellable by `stop()`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LogServiceFacts, Observation } from '../store/model.js';
import type { ServiceStore } from '../store/service-store.js';
import { listServices, observeService, type ServiceEntry } from './tree.js';

export interface PollerOptions {
  root: string;
  store: ServiceStore;
  now: () => number;
  /** Names currently on screen (the UI reports them). */
  visible: () => readonly string[];
  observe?: (dir: string) => Observation;
  visibleMs?: number;
  allMs?: number;
}

export class Poller {
  private entries: ServiceEntry[] = [];
  private rest: ServiceEntry[] = [];
  private hasLog = new Map<string, boolean>();
  private cursor = 0;
  private timers: NodeJS.Timeout[] = [];
  private readonly observe: (dir: string) => Observation;

  constructor(private readonly options: PollerOptions) {
    this.observe = options.observe ?? observeService;
  }

  /**
   * List the tree and read the first `firstRows` services now: the first screen needs only
   * them. The rest are read by `readRest`, once that screen is up.
   */
  start(initial?: ServiceEntry[], firstRows = 64): void {
    this.rescan(initial);
    for (const e of this.entries.slice(0, firstRows)) this.read(e);
    this.rest = this.entries.slice(firstRows);
    const visibleMs = this.options.visibleMs ?? 1000;
    const allMs = this.options.allMs ?? 20000;
    const sliceMs = 500;
    this.timers.push(setInterval(() => this.readVisible(), visibleMs));
    this.timers.push(
      setInterval(
        () => this.readSlice(Math.ceil(this.entries.length * (sliceMs / allMs))),
        sliceMs,
      ),
    );
    this.timers.push(setInterval(() => this.rescan(), 10000));
    for (const t of this.timers) t.unref();
  }

  /** Read the services `start` left for later, 200 per turn of the event loop. */
  readRest(): void {
    const batch = this.rest.splice(0, 200);
    for (const e of batch) this.read(e);
    if (this.rest.length > 0) this.timers.push(setTimeout(() => this.readRest(), 0));
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  /** Read one service now (after an action, while waiting for its outcome). */
  refresh(name: string): void {
    const entry = this.entries.find((e) => e.name === name);
    if (entry) this.read(entry);
  }

  private rescan(initial?: ServiceEntry[]): void {
    try {
      this.entries = initial ?? listServices(this.options.root);
    } catch {
      return; // The tree vanished for a moment: keep showing what we had.
    }
    for (const e of this.entries) {
      if (!this.hasLog.has(e.name)) this.hasLog.set(e.name, existsSync(join(e.dir, 'log')));
    }
    this.options.store.setServices(this.entries);
  }

  private readVisible(): void {
    const visible = new Set(this.options.visible());
    for (const e of this.entries) if (visible.has(e.name)) this.read(e);
  }

  private readSlice(count: number): void {
    for (let i = 0; i < count && this.entries.length > 0; i++) {
      this.cursor = (this.cursor + 1) % this.entries.length;
      const entry = this.entries[this.cursor];
      if (entry) this.read(entry);
    }
  }

  private read(entry: ServiceEntry): void {
    const { store, now } = this.options;
    store.observe(entry.name, this.observe(entry.dir), now());
    if (this.hasLog.get(entry.name)) store.observeLog(entry.name, this.readLog(entry.dir));
  }

  private readLog(dir: string): LogServiceFacts {
    const o = this.observe(join(dir, 'log'));
    const pid = o.status?.pid ?? 0;
    return {
      supervised: o.supervised,
      ...(o.noAccess ? { noAccess: true } : {}),
      up: pid !== 0,
      pid,
    };
  }
}
