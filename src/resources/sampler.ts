// The resource sampler: call sample() once a tick (2 s in the supervisor) with the services and
// their main pids. It sweeps /proc once (src/resources/proc-table.ts: the services' processes
// read afresh into a table kept from tick to tick, the rest of the box only when new and every
// `refreshEvery` ticks), and reads smaps_rollup (~0.1 ms a process, 20–30 × a stat read) of all
// the services' processes on the first tick, then of a slice of the services each tick so that
// each is looked at every `pssEvery` ticks and no tick carries a whole pass. A process whose RSS
// has not moved since its last PSS read keeps that figure, up to `pssMaxAge` ticks: 500 idle
// services then cost no smaps_rollup read at all between those. No process is spawned.
// Synchronous on purpose: a sweep of 600 processes takes a few ms of CPU, while fs.promises
// spends ~110 ms on the same sweep in promise machinery.
import { measureServices, type ServiceRef, type ServiceResources, type Units } from './figures.js';
import { machineUnits, ProcTable, type Proc } from './proc-table.js';

export interface SamplerOptions {
  /** Where procfs is mounted (tests may point elsewhere). */
  proc?: string;
  /** Read PSS on the first tick and then every this many ticks (15: every 30 s at 2 s). */
  pssEvery?: number;
  /** A process whose RSS is unchanged has its PSS read again after this many ticks (150). */
  pssMaxAge?: number;
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
  readonly #pssMaxAge: number;
  /** Where the next slice of the PSS pass starts, in the services as given; -1: a whole pass. */
  #pssNext = -1;
  #stack: Proc[] = [];

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
    this.#pssMaxAge = options.pssMaxAge ?? 10 * pssEvery;
  }

  /**
   * Figures for each service, in the order given (rows keyed by `id`). With `into`, its entries
   * are updated in place (see measureServices): the caller keeps one sample per service.
   */
  sample(
    services: readonly ServiceRef[],
    into?: (ServiceResources | undefined)[],
  ): ServiceResources[] {
    const table = this.#table;
    for (let i = 0; i < services.length; i++) {
      const pid = services[i]!.pid;
      if (pid > 0) table.watch(pid);
    }
    table.sweep(this.#now());
    const n = services.length;
    if (this.#pssNext < 0) {
      for (let i = 0; i < n; i++) this.#readPss(services[i]!.pid);
      this.#pssNext = 0;
    } else if (n > 0) {
      const slice = Math.ceil(n / this.#pssEvery);
      let at = this.#pssNext % n;
      for (let k = 0; k < slice; k++, at = (at + 1) % n) this.#readPss(services[at]!.pid);
      this.#pssNext = at;
    }
    return measureServices(services, table, this.#units, true, into);
  }

  /** Descriptors held open now (one per process on the box, up to maxOpen). */
  get openDescriptors(): number {
    return this.#table.openDescriptors;
  }

  /** Close every descriptor. The sampler may be used again; its next CPU figures start over. */
  close(): void {
    this.#table.close();
    this.#pssNext = -1;
  }

  /** PSS of every process of the tree of main pid `pid` (its session, or its descendants). */
  #readPss(pid: number): void {
    if (pid <= 0) return;
    const table = this.#table;
    const main = table.get(pid);
    const maxAge = this.#pssMaxAge;
    if (!main || main.sid === pid) {
      for (let p = table.session(pid); p; p = p.nextInSession) table.refreshPss(p, maxAge);
      return;
    }
    const stack = this.#stack;
    stack.length = 0;
    stack.push(main);
    while (stack.length > 0) {
      const p = stack.pop()!;
      table.refreshPss(p, maxAge);
      for (let c = table.firstChild(p); c; c = c.nextSibling) stack.push(c);
    }
  }
}
