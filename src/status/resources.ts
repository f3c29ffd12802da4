// Resource figures for `svtui status`: the supervisor's last sample in supervise/svtui-resources
// when it describes the running process and is recent; else /proc, read now. CPU needs two reads
// of the processes' ticks, so every service that needs /proc is sampled together, twice, `gapMs`
// apart (250 ms: top's figure over a quarter second) — one wait for the whole tree, not one per
// service.
import { join } from 'node:path';
import {
  RESOURCE_HISTORY_FILE,
  ResourceSampler,
  type ResourceRecord,
  type ServiceResources,
} from '../resources/index.js';
import { HistoryTail } from '../resources/history-tail.js';
import type { ResourceFigures } from './report.js';

export interface Running {
  dir: string;
  pid: number;
}

export interface MeasureOptions {
  gapMs?: number;
  /** Unix ms. */
  nowMs?: number;
  /** Where procfs is mounted. */
  proc?: string;
}

/** A record older than this (seconds) is not "now": the supervisor stopped sampling. */
const FRESH_SECONDS = 10;

/** Figures for each running service, keyed by its directory (absent when nothing was found). */
export async function measure(
  running: readonly Running[],
  options: MeasureOptions = {},
): Promise<Map<string, ResourceFigures>> {
  const out = new Map<string, ResourceFigures>();
  const nowSeconds = (options.nowMs ?? Date.now()) / 1000;
  const rest: Running[] = [];
  for (const r of running) {
    const record = newestRecord(join(r.dir, 'supervise', RESOURCE_HISTORY_FILE));
    if (record && record.pid === r.pid && nowSeconds - record.time <= FRESH_SECONDS)
      out.set(r.dir, fromRecord(record));
    else rest.push(r);
  }
  if (rest.length === 0) return out;
  const sampler = new ResourceSampler({ proc: options.proc, pssEvery: 1_000_000 });
  try {
    const refs = rest.map((r) => ({ id: r.dir, pid: r.pid }));
    sampler.sample(refs);
    await new Promise((resolve) => setTimeout(resolve, options.gapMs ?? 250));
    for (const sample of sampler.sample(refs)) {
      const figures = fromSample(sample);
      if (figures) out.set(sample.id, figures);
    }
  } finally {
    sampler.close();
  }
  return out;
}

/** The newest sample with a few positional reads, not the whole file (a 155 KB read). */
function newestRecord(path: string): ResourceRecord | undefined {
  return new HistoryTail(path).newest();
}

export function fromRecord(record: ResourceRecord): ResourceFigures {
  return {
    cpuPercent: record.cpuPermille === undefined ? null : record.cpuPermille / 10,
    memoryBytes: (record.rssKB ?? 0) * 1024,
    children: record.children ?? 0,
    threads: record.threads ?? 0,
    from: 'history',
  };
}

/** The whole tree's figures; undefined when none of the service's processes was found. */
export function fromSample(sample: ServiceResources): ResourceFigures | undefined {
  const { tree } = sample;
  if (tree.processes === 0) return undefined;
  return {
    cpuPercent: tree.cpu === undefined ? null : tree.cpu,
    memoryBytes: tree.rssKB * 1024,
    children: tree.children,
    threads: tree.threads,
    from: 'proc',
  };
}
