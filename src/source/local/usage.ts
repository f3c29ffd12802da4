// CPU and memory of the running services while the console watches: those on screen every 2 s
// (every one when the table is sorted by a figure), the others a slice per tick so that each is
// looked at every 20 s — at 1000 services a tick costs what 100 do. Where the
// supervisor keeps a history (supervise/svtui-resources, written by svtui scan or `svtui monitor`)
// and its newest sample describes the running pid and is recent, that sample is the figure: the
// console and the supervisor agree, and the console reads 48 bytes instead of /proc. Elsewhere
// (daemontools' svscan, runsvdir, s6-svscan alone) the console samples /proc itself, read-only,
// with src/resources' sampler: kept-open descriptors, one sweep a tick, only the services that
// have a pid. A service whose history file is missing is looked for again only every 30 s (a
// failed open costs an exception each time). The sampler and the history reader are loaded when
// the first sweep starts, after the first frame: the console draws that without figures.
import { join } from 'node:path';
import { isInProcessPid } from '../../codec/inprocess-pid.js';
import type { ResourceRecord } from '../../codec/resource-history.js';
import { RESOURCE_HISTORY_FILE } from '../../resources/history-file.js';
import type { HistoryTail } from '../../resources/history-tail.js';
import type { ResourceSampler } from '../../resources/sampler.js';
import { figuresOfRecord, figuresOfSample, isCurrent } from '../../resources/service-figures.js';
import type { ResourceSample, ServiceId } from '../port.js';

interface Readers {
  Sampler: typeof ResourceSampler;
  Tail: typeof HistoryTail;
}

async function loadReaders(): Promise<Readers> {
  const [sampler, tail] = await Promise.all([
    import('../../resources/sampler.js'),
    import('../../resources/history-tail.js'),
  ]);
  return { Sampler: sampler.ResourceSampler, Tail: tail.HistoryTail };
}

export interface Running {
  id: ServiceId;
  /** The service directory. */
  dir: string;
  pid: number;
}

export interface UsagePorts {
  /** The services and their main pids now (pid 0: down). */
  running(): readonly Running[];
  emit(samples: readonly ResourceSample[], atMs: number): void;
  /** Unix ms. */
  now(): number;
}

export interface UsageOptions {
  everyMs?: number;
  /** Where procfs is mounted (tests). */
  proc?: string;
}

/** How long a missing history file is left alone before it is looked for again. */
const RETRY_MS = 30_000;
/** Ticks for a sweep of the services nobody is looking at (20 s at 2 s). */
const SLICE_TICKS = 10;

interface Tail {
  reader: HistoryTail;
  /** Missing or unreadable: look again after this (Unix ms). */
  retryAt: number;
}

export class UsageWatch {
  private timer: NodeJS.Timeout | undefined;
  private readers: Readers | undefined;
  private starting = false;
  private sampler: ResourceSampler | undefined;
  private readonly tails = new Map<ServiceId, Tail>();
  private interest = new Set<ServiceId>();
  private all = false;
  private cursor = 0;

  constructor(
    private readonly ports: UsagePorts,
    private readonly options: UsageOptions = {},
  ) {}

  /** Load the readers, then sweep now and at every tick. */
  async start(): Promise<void> {
    if (this.timer || this.starting) return;
    this.starting = true;
    this.readers ??= await loadReaders();
    if (!this.starting) return; // stopped meanwhile
    this.starting = false;
    const tick = () => this.ports.emit(this.sample(), this.ports.now());
    this.timer = setInterval(tick, this.options.everyMs ?? 2000);
    this.timer.unref();
    tick();
  }

  stop(): void {
    this.starting = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sampler?.close();
    this.sampler = undefined;
  }

  /** The services on screen; `all`: every service's figures are wanted at the fast pace. */
  setInterest(ids: readonly ServiceId[], all = false): void {
    this.interest = new Set(ids);
    this.all = all;
  }

  /**
   * One look: the services on screen (or all), a slice of the rest; a service that is down is
   * listed without figures. Services left out keep the figures they had.
   */
  sample(): ResourceSample[] {
    const readers = this.readers;
    if (!readers) return [];
    const now = this.ports.now();
    const out: ResourceSample[] = [];
    const fromProc: Running[] = [];
    const running = this.ports.running();
    const alive = new Set<ServiceId>();
    const n = running.length;
    const slice = new Set<number>();
    if (!this.all && n > 0) {
      const count = Math.ceil(n / SLICE_TICKS);
      for (let k = 0; k < count; k++) slice.add((this.cursor + k) % n);
      this.cursor = (this.cursor + count) % n;
    }
    for (let i = 0; i < n; i++) {
      const service = running[i]!;
      if (service.pid <= 0 || isInProcessPid(service.pid)) {
        out.push({ id: service.id });
        continue;
      }
      alive.add(service.id);
      if (!this.all && !slice.has(i) && !this.interest.has(service.id)) continue;
      const record = this.history(readers, service, now);
      if (record) out.push({ id: service.id, resources: figuresOfRecord(record) });
      else fromProc.push(service);
    }
    for (const id of this.tails.keys()) if (!alive.has(id)) this.tails.delete(id);
    if (fromProc.length > 0) {
      this.sampler ??= new readers.Sampler({ proc: this.options.proc, pssEvery: 1_000_000 });
      const refs = fromProc.map((s) => ({ id: s.id, pid: s.pid }));
      for (const sample of this.sampler.sample(refs)) {
        const resources = figuresOfSample(sample);
        out.push(
          resources ? { id: sample.id as ServiceId, resources } : { id: sample.id as ServiceId },
        );
      }
    }
    return out;
  }

  /** The supervisor's newest sample, when it is about this pid and recent. */
  private history(readers: Readers, service: Running, now: number): ResourceRecord | undefined {
    let tail = this.tails.get(service.id);
    if (!tail) {
      tail = {
        reader: new readers.Tail(join(service.dir, 'supervise', RESOURCE_HISTORY_FILE)),
        retryAt: 0,
      };
      this.tails.set(service.id, tail);
    }
    if (now < tail.retryAt) return undefined;
    const record = tail.reader.newest();
    if (!record) {
      tail.retryAt = now + RETRY_MS;
      return undefined;
    }
    return isCurrent(record, service.pid, now) ? record : undefined;
  }
}
