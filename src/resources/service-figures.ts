// A running service's figures as a viewer reads them — the console's CPU% and MEM columns and
// `svtui status` — from either place they come from: the supervisor's newest sample in
// supervise/svtui-resources, when it describes the running pid and is recent (the viewer and the
// supervisor then agree, for a 48-byte read), else a sweep of /proc by the viewer itself. One
// shape and one freshness rule for both; each only words the figures its own way.
import type { ResourceRecord } from '../codec/resource-history.js';
import type { ServiceResources } from './figures.js';

export interface ServiceFigures {
  /** The main pid the figures describe. */
  pid: number;
  /** % of one core, top's way; absent on a first look (a rate needs two readings). */
  cpuPercent?: number;
  /** Resident memory of the service's processes, KB. */
  rssKB: number;
  /** Its processes, the main one included, and their threads. */
  processes: number;
  threads: number;
  from: 'history' | 'proc';
}

/** A sample older than this does not describe now: its writer stopped. */
export const FRESH_MS = 10_000;

/** Whether the supervisor's newest sample is about `pid`, now. */
export function isCurrent(record: ResourceRecord, pid: number, nowMs: number): boolean {
  return record.pid === pid && nowMs - record.time * 1000 <= FRESH_MS;
}

export function figuresOfRecord(record: ResourceRecord): ServiceFigures {
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
export function figuresOfSample(sample: ServiceResources): ServiceFigures | undefined {
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
