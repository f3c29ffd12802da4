// CPU and memory of every running service, every 2 s while the console watches. Where the
// supervisor keeps a history (supervise/svtui-resources, written by svtui scan or `svtui monitor`)
// and its newest sample describes the running pid and is recent, that sample is the figure: the
// console and the supervisor agree, and the console reads 48 bytes instead of /proc. Elsewhere
// (daemontools' svscan, runsvdir, s6-svscan alone) the console samples /proc itself, read-only,
// with src/resources' sampler: kept-open descriptors, one sweep a tick, only the services that
// have a pid. A service whose history file is missing is looked for again only every 30 s (a
// failed open costs an exception each time).
import { join } from 'node:path';
import { isInProcessPid } from '../../codec/inprocess-pid.js';
import {
  RESOURCE_HISTORY_FILE,
  ResourceSampler,
  type ResourceRecord,
} from '../../resources/index.js';
import type { ServiceResources } from '../../resources/index.js';
import type { ResourceFacts, ResourceSample, ServiceId } from '../port.js';
import { HistoryTail } from './history-tail.js';

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

/** A history sample older than this does not describe now: its writer stopped. */
const FRESH_MS = 10_000;
/** How long a missing history file is left alone before it is looked for again. */
const RETRY_MS = 30_000;

interface Tail {
  reader: HistoryTail;
  /** Missing or unreadable: look again after this (Unix ms). */
  retryAt: number;
}

export class UsageWatch {
  private timer: NodeJS.Timeout | undefined;
  private sampler: ResourceSampler | undefined;
  private readonly tails = new Map<ServiceId, Tail>();

  constructor(
    private readonly ports: UsagePorts,
    private readonly options: UsageOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => this.ports.emit(this.sample(), this.ports.now());
    this.timer = setInterval(tick, this.options.everyMs ?? 2000);
    this.timer.unref();
    tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sampler?.close();
    this.sampler = undefined;
  }

  /** One look at every running service. */
  sample(): ResourceSample[] {
    const now = this.ports.now();
    const out: ResourceSample[] = [];
    const fromProc: Running[] = [];
    const running = this.ports.running();
    const alive = new Set<ServiceId>();
    for (const service of running) {
      if (service.pid <= 0 || isInProcessPid(service.pid)) continue;
      alive.add(service.id);
      const record = this.history(service, now);
      if (record) out.push({ id: service.id, resources: fromRecord(record) });
      else fromProc.push(service);
    }
    for (const id of this.tails.keys()) if (!alive.has(id)) this.tails.delete(id);
    if (fromProc.length > 0) {
      this.sampler ??= new ResourceSampler({ proc: this.options.proc, pssEvery: 1_000_000 });
      const refs = fromProc.map((s) => ({ id: s.id, pid: s.pid }));
      for (const sample of this.sampler.sample(refs)) {
        const resources = fromSample(sample);
        out.push(
          resources ? { id: sample.id as ServiceId, resources } : { id: sample.id as ServiceId },
        );
      }
    }
    return out;
  }

  /** The supervisor's newest sample, when it is about this pid and recent. */
  private history(service: Running, now: number): ResourceRecord | undefined {
    let tail = this.tails.get(service.id);
    if (!tail) {
      tail = {
        reader: new HistoryTail(join(service.dir, 'supervise', RESOURCE_HISTORY_FILE)),
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
    return record.pid === service.pid && now - record.time * 1000 <= FRESH_MS ? record : undefined;
  }
}

export function fromRecord(record: ResourceRecord): ResourceFacts {
  return {
    pid: record.pid,
    ...(record.cpuPermille !== undefined ? { cpuPercent: record.cpuPermille / 10 } : {}),
    rssKB: record.rssKB ?? 0,
    processes: (record.children ?? 0) + 1,
    threads: record.threads ?? 0,
    from: 'history',
  };
}

/** The whole tree's figures; undefined when none of the service's processes was found. */
export function fromSample(sample: ServiceResources): ResourceFacts | undefined {
  const { tree } = sample;
  if (tree.processes === 0) return undefined;
  return {
    pid: sample.pid,
    ...(tree.cpu !== undefined ? { cpuPercent: tree.cpu } : {}),
    rssKB: tree.rssKB,
    processes: tree.processes,
    threads: tree.threads,
    from: 'proc',
  };
}
