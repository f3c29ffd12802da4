// Resource figures for `svtui status`: the supervisor's last sample in supervise/svtui-resources
// when it describes the running process and is recent; else /proc, read now. CPU needs two reads
// of the processes' ticks, so every service that needs /proc is sampled together, twice, `gapMs`
// apart (250 ms: top's figure over a quarter second) — one wait for the whole tree, not one per
// service.
import { join } from 'node:path';
import { RESOURCE_HISTORY_FILE, ResourceSampler, type ResourceRecord } from '../resources/index.js';
import { figuresOfRecord, figuresOfSample, isCurrent } from '../resources/service-figures.js';
import { HistoryTail } from '../resources/history-tail.js';
import type { ResourceFacts } from '../source/port.js';
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

/** Figures for each running service, keyed by its directory (absent when nothing was found). */
export async function measure(
  running: readonly Running[],
  options: MeasureOptions = {},
): Promise<Map<string, ResourceFigures>> {
  const out = new Map<string, ResourceFigures>();
  const nowMs = options.nowMs ?? Date.now();
  const rest: Running[] = [];
  for (const r of running) {
    const record = newestRecord(join(r.dir, 'supervise', RESOURCE_HISTORY_FILE));
    if (record && isCurrent(record, r.pid, nowMs))
      out.set(r.dir, reported(figuresOfRecord(record)));
    else rest.push(r);
  }
  if (rest.length === 0) return out;
  const sampler = new ResourceSampler({ proc: options.proc, pssEvery: 1_000_000 });
  try {
    const refs = rest.map((r) => ({ id: r.dir, pid: r.pid }));
    sampler.sample(refs);
    await new Promise((resolve) => setTimeout(resolve, options.gapMs ?? 250));
    for (const sample of sampler.sample(refs)) {
      const figures = figuresOfSample(sample);
      if (figures) out.set(sample.id, reported(figures));
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

/** The figures as `svtui status` words them (docs/status-schema.md). */
function reported(figures: ResourceFacts): ResourceFigures {
  return {
    cpuPercent: figures.cpuPercent ?? null,
    memoryBytes: figures.rssKB * 1024,
    children: Math.max(0, figures.processes - 1),
    threads: figures.threads,
    from: figures.from,
  };
}
