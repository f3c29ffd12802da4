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
  const record: ResourceRecord = { time: 0, pid: 0, restarts: 0, checksRun: 0, checksFailed: 0 };
  return toRecordInto(record, resources, time, counters);
}

/**
 * toRecord into `out`, every field written (those without a figure set to undefined): the
 * recorder packs 500 records a sweep through one object, which the writer does not keep.
 */
export function toRecordInto(
  out: ResourceRecord,
  resources: ServiceResources,
  time: number,
  counters: ServiceCounters,
): ResourceRecord {
  const { tree, main } = resources;
  out.time = Math.floor(time);
  out.pid = main ? resources.pid : 0;
  out.restarts = counters.restarts;
  out.checksRun = counters.checksRun ?? 0;
  out.checksFailed = counters.checksFailed ?? 0;
  out.rssKB = tree.rssKB;
  out.children = tree.children;
  out.threads = tree.threads;
  out.cpuPermille = tree.cpu === undefined ? undefined : Math.round(tree.cpu * 10);
  out.pssKB = tree.pssKB;
  out.logLinesPerSecond = counters.logLinesPerSecond;
  return out;
}

/**
 * One record for a period (`records` non-empty, oldest first), stamped `time`: CPU and log lines
 * averaged over the samples that have them, memory, children and threads at their peak (a
 * minute's spike must not vanish), restarts and pid as at the end, checks that ran or failed
 * at any sample of the period.
 */
export function rollUp(records: readonly ResourceRecord[], time: number): ResourceRecord {
  if (records.length === 0) throw new RangeError('rollUp: no record to roll up');
  const period = new PeriodSummary();
  for (const r of records) period.add(r);
  return period.record(time)!;
}

/**
 * rollUp kept as the records come, so a writer holds a few numbers per coarse ring instead of
 * the period's records (a minute is 30 of them for each of 500 services, kept long enough for
 * the garbage collector to copy them twice); it keeps no record it is given.
 */
export class PeriodSummary {
  count = 0;
  /** pid and restarts of the last record added. */
  #pid = 0;
  #restarts = 0;
  #cpu = 0;
  #cpuN = 0;
  #log = 0;
  #logN = 0;
  #rss: number | undefined;
  #pss: number | undefined;
  #children: number | undefined;
  #threads: number | undefined;
  #checksRun = 0;
  #checksFailed = 0;

  add(r: ResourceRecord): void {
    this.count++;
    this.#pid = r.pid;
    this.#restarts = r.restarts;
    if (r.cpuPermille !== undefined) {
      this.#cpu += r.cpuPermille;
      this.#cpuN++;
    }
    if (r.logLinesPerSecond !== undefined) {
      this.#log += r.logLinesPerSecond;
      this.#logN++;
    }
    this.#rss = peak(this.#rss, r.rssKB);
    this.#pss = peak(this.#pss, r.pssKB);
    this.#children = peak(this.#children, r.children);
    this.#threads = peak(this.#threads, r.threads);
    this.#checksRun = (this.#checksRun | r.checksRun) >>> 0;
    this.#checksFailed = (this.#checksFailed | r.checksFailed) >>> 0;
  }

  /** The period's record, stamped `time`; undefined when nothing was added. */
  record(time: number): ResourceRecord | undefined {
    if (this.count === 0) return undefined;
    const out: ResourceRecord = {
      time,
      pid: this.#pid,
      restarts: this.#restarts,
      checksRun: this.#checksRun,
      checksFailed: this.#checksFailed,
    };
    if (this.#cpuN > 0) out.cpuPermille = Math.round(this.#cpu / this.#cpuN);
    if (this.#logN > 0) out.logLinesPerSecond = Math.round(this.#log / this.#logN);
    if (this.#rss !== undefined) out.rssKB = this.#rss;
    if (this.#pss !== undefined) out.pssKB = this.#pss;
    if (this.#children !== undefined) out.children = this.#children;
    if (this.#threads !== undefined) out.threads = this.#threads;
    return out;
  }

  /** Start a new period. */
  clear(): void {
    this.count = this.#cpu = this.#cpuN = this.#log = this.#logN = 0;
    this.#checksRun = this.#checksFailed = this.#pid = this.#restarts = 0;
    this.#rss = this.#pss = this.#children = this.#threads = undefined;
  }
}

function peak(kept: number | undefined, v: number | undefined): number | undefined {
  return v === undefined ? kept : kept === undefined || v > kept ? v : kept;
}
