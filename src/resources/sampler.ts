// The resource sampler: call sample() once a tick (2 s in the supervisor) with the services and
// their main pids. It sweeps /proc once (src/resources/proc-table.ts: the services' processes
// read afresh, the rest of the box only when new and every `refreshEvery` ticks), keeps the sweep
// before for CPU deltas, and every `pssEvery` ticks reads smaps_rollup of the services' processes
// only (~0.1 ms a process, 20–30 × a stat read, hence the slower pace). No process is spawned.
// Synchronous on purpose: a sweep of 600 processes takes a few ms of CPU, while fs.promises
// spends ~110 ms on the same sweep in promise machinery.
import {
  measureServices,
  SweepIndex,
  type ServiceRef,
  type ServiceResources,
  type Sweep,
  type Units,
} from './figures.js';
import { machineUnits, ProcTable, type Watch } from './proc-table.js';

export interface SamplerOptions {
  /** Where procfs is mounted (tests may point elsewhere). */
  proc?: string;
  /** Read PSS on the first tick and then every this many ticks (15: every 30 s at 2 s). */
  pssEvery?: number;
  /** Monotonic milliseconds; performance.now() by default. */
  now?: () => number;
  /** Clock ticks per second and page size; read from /proc/self/auxv by default. */
  units?: Units;
  /** Descriptors of stat files kept open at most (4096). */
  maxOpen?: number;
  /** Read the box's other processes, not only the services', once in this many ticks (15). */
  refreshEvery?: number;
}

export class ResourceSampler {
  readonly #table: ProcTable;
  readonly #now: () => number;
  readonly #units: Units;
  readonly #pssEvery: number;
  readonly #pss = new Map<number, { starttime: number; kb: number }>();
  #before: (Sweep & { index: SweepIndex }) | undefined;
  #ticks = 0;
  #pssRead = false;

  constructor(options: SamplerOptions = {}) {
    const pssEvery = options.pssEvery ?? 15;
    if (!Number.isInteger(pssEvery) || pssEvery < 1)
      throw new TypeError(
        `ResourceSampler: pssEvery must be a positive integer, got ${String(pssEvery)} (${typeof pssEvery})`,
      );
    this.#table = new ProcTable({
      proc: options.proc,
      maxOpen: options.maxOpen,
      refreshEvery: options.refreshEvery,
    });
    this.#now = options.now ?? (() => performance.now());
    this.#units = options.units ?? machineUnits(options.proc);
    this.#pssEvery = pssEvery;
  }

  /** Figures for each service, in the order given (rows keyed by `id`). */
  sample(services: readonly ServiceRef[]): ServiceResources[] {
    const procs = this.#table.sweep(this.#watch(services));
    const sweep = { procs, at: this.#now(), index: new SweepIndex(procs) };
    if (this.#ticks++ % this.#pssEvery === 0) this.#readPss(services, sweep.index);
    const out = measureServices(
      services,
      sweep,
      this.#before,
      this.#units,
      this.#pssRead ? this.#pss : undefined,
    );
    this.#before = sweep;
    return out;
  }

  /** Descriptors held open now (one per process on the box, up to maxOpen). */
  get openDescriptors(): number {
    return this.#table.openDescriptors;
  }

  /** Close every descriptor. The sampler may be used again; its next CPU figures start over. */
  close(): void {
    this.#table.close();
    this.#before = undefined;
  }

  /** The services' sessions: their main pids, and the session of a main that leads none. */
  #watch(services: readonly ServiceRef[]): Watch | undefined {
    const before = this.#before;
    if (!before) return undefined;
    const pids = new Set<number>();
    const sids = new Set<number>();
    for (const { pid } of services) {
      if (pid <= 0) continue;
      pids.add(pid);
      sids.add(pid);
      const sid = before.index.byPid.get(pid)?.sid;
      if (sid !== undefined) sids.add(sid);
    }
    return { pids, sids };
  }

  #readPss(services: readonly ServiceRef[], index: SweepIndex): void {
    const fresh = new Map<number, { starttime: number; kb: number }>();
    for (const { pid } of services) {
      if (pid <= 0) continue;
      for (const p of index.tree(pid)) {
        const kb = this.#table.readPss(p.pid);
        if (kb !== undefined) fresh.set(p.pid, { starttime: p.starttime, kb });
      }
    }
    this.#pss.clear();
    for (const [pid, value] of fresh) this.#pss.set(pid, value);
    this.#pssRead = true;
  }
}
