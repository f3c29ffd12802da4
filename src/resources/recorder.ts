// The resource history of every service of a tree, kept by whoever supervises or watches it
// (`svtui scan`, the embedded console, `svtui monitor`): every 2 s one /proc sweep for the
// services that are up, one 48-byte record appended to each one's supervise/svtui-resources
// (the hour and the day a console opened later shows), and the samples handed to listeners —
// the health engine's resource rules read the same figures the history holds, from the same
// sweep. A service that is down is not sampled (its file stays open: it costs nothing); one that
// is no longer listed has its file closed. A file that cannot be opened or written is told once
// and then left out, until the service leaves the tree and comes back.
import { join } from 'node:path';
import type { ServiceResources } from './figures.js';
import { RESOURCE_HISTORY_FILE, ResourceHistoryWriter } from './history-file.js';
import { LogRate } from './log-rate.js';
import { toRecord } from './records.js';
import { ResourceSampler } from './sampler.js';

/** The sampling pace of the history's finest ring (DESIGN, "Budgets"). */
export const SAMPLE_MS = 2000;

/** A service of the tree now, as its supervisor knows it. */
export interface RecordedService {
  name: string;
  /** Its main process; 0 while down. */
  pid: number;
  /** Starts counted so far (a step between two records is a restart). */
  starts: number;
  /** Lines its logger has read so far, where the supervisor runs the logger itself. */
  logLines?: number;
}

export interface RecorderOptions {
  /** The service's supervise/ directory. */
  superviseDir: (name: string) => string;
  /** Every service of the tree now, down ones too. */
  services: () => readonly RecordedService[];
  warn: (line: string) => void;
  everyMs?: number;
  /** Unix ms (Date.now by default). */
  clock?: () => number;
  /** The sampler to use (tests point one at another procfs). */
  sampler?: ResourceSampler;
}

export type SampleListener = (samples: readonly ServiceResources[]) => void;

export interface ResourceRecorder {
  /** The newest sample of a service that was up at the last sweep. */
  latest(name: string): ServiceResources | undefined;
  /** Each sweep's samples (the services that were up), as they are recorded. */
  onSample(listener: SampleListener): () => void;
  /** One sweep now (the timer calls it). */
  sample(): void;
  stop(): void;
}

export function recordResources(options: RecorderOptions): ResourceRecorder {
  const { warn } = options;
  const clock = options.clock ?? Date.now;
  const sampler = options.sampler ?? new ResourceSampler();
  const writers = new Map<string, ResourceHistoryWriter>();
  const failed = new Set<string>();
  const latest = new Map<string, ServiceResources>();
  const listeners = new Set<SampleListener>();
  const logRate = new LogRate();

  const writer = (name: string) => {
    let w = writers.get(name);
    if (w || failed.has(name)) return w;
    const path = join(options.superviseDir(name), RESOURCE_HISTORY_FILE);
    try {
      w = new ResourceHistoryWriter(path);
      writers.set(name, w);
    } catch (error) {
      failed.add(name);
      warn(`${name}: unable to keep ${path}: ${(error as Error).message}`);
    }
    return w;
  };

  /** Files of services no longer in the tree are closed; their names may be tried again. */
  const forgetGone = (present: ReadonlySet<string>) => {
    for (const [name, w] of writers)
      if (!present.has(name)) {
        w.close();
        writers.delete(name);
      }
    for (const name of failed) if (!present.has(name)) failed.delete(name);
    logRate.keepOnly(present);
  };

  const sample = () => {
    const services = options.services();
    const nowMs = clock();
    const up = services.filter((s) => s.pid > 0);
    latest.clear();
    let samples: ServiceResources[];
    try {
      samples = sampler.sample(up.map((s) => ({ id: s.name, pid: s.pid })));
    } catch (error) {
      warn(`unable to sample resources: ${(error as Error).message}`);
      return;
    }
    samples.forEach((s, i) => {
      const service = up[i]!;
      latest.set(s.id, s);
      const counters = {
        restarts: service.starts,
        logLinesPerSecond: logRate.rate(s.id, service.logLines, nowMs),
      };
      const error = writer(s.id)?.append(toRecord(s, nowMs / 1000, counters));
      if (error) {
        warn(`${s.id}: unable to write ${RESOURCE_HISTORY_FILE}: ${error}`);
        writers.get(s.id)?.close();
        writers.delete(s.id);
        failed.add(s.id);
      }
    });
    forgetGone(new Set(services.map((s) => s.name)));
    for (const listener of listeners) listener(samples);
  };

  const timer = setInterval(sample, options.everyMs ?? SAMPLE_MS);
  timer.unref();
  return {
    latest: (name) => latest.get(name),
    onSample(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sample,
    stop() {
      clearInterval(timer);
      listeners.clear();
      for (const w of writers.values()) w.close();
      writers.clear();
      sampler.close();
    },
  };
}
