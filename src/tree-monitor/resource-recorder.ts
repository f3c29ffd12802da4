// Resources of a tree `svtui monitor` watches: every 2 s one /proc sweep (src/resources) for the
// services that are up, one record appended to each one's supervise/svtui-resources (the hour and
// the day a console opened later shows), and the latest figures kept for the health engine's
// resource rules — one sampler for both, so a rule reads the same figures the history holds.
// A service whose file cannot be opened or written is told once and then left out.
import { join } from 'node:path';
import { figuresOf, type Figures } from '../health/index.js';
import {
  RESOURCE_HISTORY_FILE,
  ResourceHistoryWriter,
  ResourceSampler,
  toRecord,
} from '../resources/index.js';

/** As the supervisor samples: every 2 s (DESIGN, "Budgets"). */
export const SAMPLE_MS = 2000;

export interface RecorderOptions {
  dir: string;
  names: () => readonly string[];
  pid: (name: string) => number;
  starts: (name: string) => number;
  warn: (line: string) => void;
  everyMs?: number;
}

export interface ResourceRecorder {
  figures(name: string): Figures | undefined;
  /** One sample now (the timer calls it). */
  sample(): void;
  stop(): void;
}

export function recordResources(options: RecorderOptions): ResourceRecorder {
  const sampler = new ResourceSampler();
  const writers = new Map<string, ResourceHistoryWriter>();
  const failed = new Set<string>();
  const latest = new Map<string, Figures>();

  const writer = (name: string) => {
    let w = writers.get(name);
    if (w || failed.has(name)) return w;
    const path = join(options.dir, name, 'supervise', RESOURCE_HISTORY_FILE);
    try {
      w = new ResourceHistoryWriter(path);
      writers.set(name, w);
    } catch (error) {
      failed.add(name);
      options.warn(`${name}: unable to keep ${path}: ${(error as Error).message}`);
    }
    return w;
  };

  const sample = () => {
    const refs = options.names().map((name) => ({ id: name, pid: options.pid(name) }));
    const time = Date.now() / 1000;
    latest.clear();
    let samples;
    try {
      samples = sampler.sample(refs.filter((r) => r.pid > 0));
    } catch (error) {
      options.warn(`unable to sample resources: ${(error as Error).message}`);
      return;
    }
    for (const s of samples) {
      const f = figuresOf(s);
      if (f) latest.set(s.id, f);
      const error = writer(s.id)?.append(toRecord(s, time, { restarts: options.starts(s.id) }));
      if (error) {
        options.warn(`${s.id}: unable to write ${RESOURCE_HISTORY_FILE}: ${error}`);
        writers.get(s.id)?.close();
        writers.delete(s.id);
        failed.add(s.id);
      }
    }
  };
  const timer = setInterval(sample, options.everyMs ?? SAMPLE_MS);
  return {
    figures: (name) => latest.get(name),
    sample,
    stop() {
      clearInterval(timer);
      for (const w of writers.values()) w.close();
      writers.clear();
      sampler.close();
    },
  };
}
