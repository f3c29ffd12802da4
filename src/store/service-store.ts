// The service table's data, outside React: rows keyed by name, sorted once, read by the UI with
// useSyncExternalStore. Writers call `observe`; listeners are told once per batch (a macrotask),
// and only when something they can see changed.
import { observe, type LogServiceFacts, type Observation, type ServiceRow } from './model.js';

export interface ServiceSnapshot {
  /** Sorted by name. A new array (and new row objects) only when something changed. */
  rows: readonly ServiceRow[];
  version: number;
}

type Listener = () => void;
type Schedule = (flush: () => void) => void;

export class ServiceStore {
  private byName = new Map<string, ServiceRow>();
  private snapshot: ServiceSnapshot = { rows: [], version: 0 };
  private listeners = new Set<Listener>();
  private dirty = false;
  private scheduled = false;

  constructor(private readonly schedule: Schedule = (flush) => setImmediate(flush)) {}

  /** Replace the set of services (a rescan): keeps what is known about names still present. */
  setServices(entries: readonly { name: string; dir: string }[]): void {
    const next = new Map<string, ServiceRow>();
    for (const { name, dir } of entries) {
      next.set(name, this.byName.get(name) ?? { name, dir, restarts: 0 });
    }
    const same =
      next.size === this.byName.size && [...next.keys()].every((name) => this.byName.has(name));
    this.byName = next;
    if (!same) this.markDirty();
  }

  /** Fold an observation of service `name` in; ignored for names not in the tree. */
  observe(name: string, observation: Observation, nowMs: number): void {
    const row = this.byName.get(name);
    if (!row) return;
    const next = observe(row, observation, nowMs);
    if (sameRow(row, next)) return;
    this.byName.set(name, next);
    this.markDirty();
  }

  observeLog(name: string, log: LogServiceFacts | undefined): void {
    const row = this.byName.get(name);
    if (!row) return;
    const old = row.log;
    if (
      old === log ||
      (old &&
        log &&
        old.up === log.up &&
        old.pid === log.pid &&
        old.supervised === log.supervised &&
        old.noAccess === log.noAccess)
    )
      return;
    this.byName.set(name, { ...row, log });
    this.markDirty();
  }

  row(name: string): ServiceRow | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return this.snapshot.rows.map((r) => r.name);
  }

  getSnapshot = (): ServiceSnapshot => {
    if (this.dirty) this.rebuild();
    return this.snapshot;
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private rebuild(): void {
    const rows = [...this.byName.values()].sort((a, b) => compareNames(a.name, b.name));
    this.snapshot = { rows, version: this.snapshot.version + 1 };
    this.dirty = false;
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      if (this.dirty) this.rebuild();
      for (const listener of [...this.listeners]) listener();
    });
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameRow(a: ServiceRow, b: ServiceRow): boolean {
  if (a.restarts !== b.restarts || a.lastExit !== b.lastExit || a.changedMs !== b.changedMs)
    return false;
  const x = a.observation;
  const y = b.observation;
  if (!x || !y) return x === y;
  if (x.supervised !== y.supervised || x.problem !== y.problem || x.normallyUp !== y.normallyUp)
    return false;
  if (x.sinceMs !== y.sinceMs) return false;
  const s = x.status;
  const t = y.status;
  if (!s || !t) return s === t;
  return (
    s.pid === t.pid &&
    s.paused === t.paused &&
    s.want === t.want &&
    s.state === t.state &&
    s.gotTerm === t.gotTerm
  );
}
