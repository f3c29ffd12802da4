// A running service's figures as a viewer reads them — the console's CPU% and MEM columns and
// `svtui status` — from either place they come from: the supervisor's newest sample in
// supervise/svtui-resources, when it describes the running pid and is recent (the viewer and the
// supervisor then agree, for a 48-byte read), else a sweep of /proc by the viewer itself. One
// shape (the port's ResourceFacts) and one freshness rule for both; each words them its own way.
import type { ResourceRecord } from '../codec/resource-history.js';
import type { ResourceFacts } from '../source/port.js';
import type { ServiceResources } from './figures.js';

/** A sample older than this does not describe now: its writer stopped. */
export const FRESH_MS = 10_000;

/** Whether the supervisor's newest sample is about `pid`, now. */
export function isCurrent(record: ResourceRecord, pid: number, nowMs: number): boolean {
  return record.pid === pid && nowMs - record.time * 1000 <= FRESH_MS;
}

export function figuresOfRecord(record: ResourceRecord): ResourceFacts {
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
export function figuresOfSample(sample: ServiceResources): ResourceFacts | undefined {
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
