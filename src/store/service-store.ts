// The service table's data, outside React: rows keyed by service id, sorted by name, read by the
// UI with useSyncExternalStore. The source's changes are folded in with `apply`; listeners are
// told once per batch (a macrotask), and only when something they can see changed.
import type { ResourceSample, ServiceEntry, TreeChange } from '../source/port.js';
import {
  observe,
  type HealthFacts,
  type LogServiceFacts,
  type ResourceFacts,
  type ServiceId,
  type ServiceRow,
} from './model.js';

export interface ServiceSnapshot {
  /** Sorted by name. A new array (and new row objects) only when something changed. */
  rows: readonly ServiceRow[];
  version: number;
}

type Listener = () => void;
type Schedule = (flush: () => void) => void;

export class ServiceStore {
  private byId = new Map<ServiceId, ServiceRow>();
  private snapshot: ServiceSnapshot = { rows: [], version: 0 };
  private listeners = new Set<Listener>();
  private dirty = false;
  private scheduled = false;

  constructor(private readonly schedule: Schedule = (flush) => setImmediate(flush)) {}

  apply(change: TreeChange): void {
    if (change.kind === 'services') this.setServices(change.entries);
    else if (change.kind === 'facts') {
      this.observe(change.id, change.facts.observation, change.atMs);
      this.observeLog(change.id, change.facts.log);
    } else if (change.kind === 'resources') this.measure(change.samples);
    else if (change.kind === 'health') this.judge(change.id, change.health);
  }

  /** A resource sweep: the services in it get its figures (or none); the others keep theirs. */
  measure(samples: readonly ResourceSample[]): void {
    for (const { id, resources: next } of samples) {
      const row = this.byId.get(id);
      if (!row || (row.measured && sameResources(row.resources, next))) continue;
      const { resources: _was, ...rest } = row;
      this.byId.set(
        id,
        next ? { ...rest, measured: true, resources: next } : { ...rest, measured: true },
      );
      this.markDirty();
    }
  }

  judge(id: ServiceId, health: HealthFacts): void {
    const row = this.byId.get(id);
    if (!row || row.health === health) return;
    this.byId.set(id, { ...row, health });
    this.markDirty();
  }

  /** Replace the set of services (a rescan): keeps what is known about ids still present. */
  setServices(entries: readonly ServiceEntry[]): void {
    const next = new Map<ServiceId, ServiceRow>();
    let same = entries.length === this.byId.size;
    for (const { id, name, removed } of entries) {
      const known = this.byId.get(id);
      if (!known || !!known.removed !== !!removed) same = false;
      const row = known ?? { id, name, restarts: 0 };
      const { removed: _was, ...rest } = row;
      next.set(id, removed ? { ...rest, removed: true } : rest);
    }
    this.byId = next;
    if (!same) this.markDirty();
  }

  /** Fold an observation of service `id` in; ignored for ids not in the tree. */
  observe(id: ServiceId, observation: ServiceRow['observation'] & object, nowMs: number): void {
    const row = this.byId.get(id);
    if (!row) return;
    const next = observe(row, observation, nowMs);
    if (sameRow(row, next)) return;
    this.byId.set(id, next);
    this.markDirty();
  }

  observeLog(id: ServiceId, log: LogServiceFacts | undefined): void {
    const row = this.byId.get(id);
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
    this.byId.set(id, { ...row, log });
    this.markDirty();
  }

  row(id: ServiceId): ServiceRow | undefined {
    return this.byId.get(id);
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
    const rows = [...this.byId.values()].sort((a, b) => compareNames(a.name, b.name));
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

/** The same figures as far as anyone reads them: CPU to a tenth of a percent, memory to the KB. */
function sameResources(a: ResourceFacts | undefined, b: ResourceFacts | undefined): boolean {
  if (!a || !b) return a === b;
  const tenth = (v: number | undefined) => (v === undefined ? -1 : Math.round(v * 10));
  return (
    a.pid === b.pid &&
    tenth(a.cpuPercent) === tenth(b.cpuPercent) &&
    a.rssKB === b.rssKB &&
    a.processes === b.processes &&
    a.threads === b.threads &&
    a.from === b.from
  );
}

function sameRow(a: ServiceRow, b: ServiceRow): boolean {
  if (
    a.restarts !== b.restarts ||
    a.restartsFrom !== b.restartsFrom ||
    a.lastExit !== b.lastExit ||
    a.changedMs !== b.changedMs ||
    a.stoppingSinceMs !== b.stoppingSinceMs ||
    a.restartTimesMs?.at(-1) !== b.restartTimesMs?.at(-1)
  )
    return false;
  const x = a.observation;
  const y = b.observation;
  if (!x || !y) return x === y;
  if (
    x.supervised !== y.supervised ||
    x.noAccess !== y.noAccess ||
    x.problem?.code !== y.problem?.code ||
    x.problem?.text !== y.problem?.text ||
    x.normallyUp !== y.normallyUp ||
    x.history?.problem !== y.history?.problem ||
    x.ready !== y.ready ||
    x.lastExit !== y.lastExit
  )
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
