// Pure: a sample → one history record, and records of a coarser period → one roll-up record.
import type { ResourceRecord } from '../codec/resource-history.js';
import type { ServiceResources } from './figures.js';

/** What the supervisor knows beside /proc, for the same sample. */
export interface ServiceCounters {
  /** Starts so far (a restart is a step between two records). */
  restarts: number;
  logLinesPerSecond?: number;
  /** Bit i: the i-th check of the monitor file ran this cycle / failed. */
  checksRun?: number;
  checksFailed?: number;
}

/** The whole tree's figures, CPU in ‰ of one core; `time` in Unix seconds. */
export function toRecord(
  resources: ServiceResources,
  time: number,
  counters: ServiceCounters,
): ResourceRecord {
  const { tree, main } = resources;
  const record: ResourceRecord = {
    time: Math.floor(time),
    pid: main ? resources.pid : 0,
    restarts: counters.restarts,
    checksRun: counters.checksRun ?? 0,
    checksFailed: counters.checksFailed ?? 0,
    rssKB: tree.rssKB,
    children: tree.children,
    threads: tree.threads,
  };
  if (tree.cpu !== undefined) record.cpuPermille = Math.round(tree.cpu * 10);
  if (tree.pssKB !== undefined) record.pssKB = tree.pssKB;
  if (counters.logLinesPerSecond !== undefined)
    record.logLinesPerSecond = counters.logLinesPerSecond;
  return record;
}

/**
 * One record for a period (`records` non-empty, oldest first), stamped `time`: CPU and log lines
 * averaged over the samples that have them, memory, children and threads at their peak (a
 * minute's spike must not vanish), restarts and pid as at the end, checks that ran or failed
 * at any sample of the period.
 */
export function rollUp(records: readonly ResourceRecord[], time: number): ResourceRecord {
  const last = records[records.length - 1];
  if (!last) throw new RangeError('rollUp: no record to roll up');
  const out: ResourceRecord = {
    time,
    pid: last.pid,
    restarts: last.restarts,
    checksRun: 0,
    checksFailed: 0,
  };
  const mean = (key: 'cpuPermille' | 'logLinesPerSecond') => {
    const known = records.filter((r) => r[key] !== undefined);
    if (known.length) out[key] = Math.round(known.reduce((s, r) => s + r[key]!, 0) / known.length);
  };
  const peak = (key: 'rssKB' | 'pssKB' | 'children' | 'threads') => {
    const known = records.filter((r) => r[key] !== undefined);
    if (known.length) out[key] = Math.max(...known.map((r) => r[key]!));
  };
  mean('cpuPermille');
  mean('logLinesPerSecond');
  for (const key of ['rssKB', 'pssKB', 'children', 'threads'] as const) peak(key);
  for (const r of records) {
    out.checksRun = (out.checksRun | r.checksRun) >>> 0;
    out.checksFailed = (out.checksFailed | r.checksFailed) >>> 0;
  }
  return out;
}
