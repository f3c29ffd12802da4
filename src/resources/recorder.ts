// The resource history of every service of a tree, kept by whoever supervises or watches it
// (`svtui scan`, the embedded console, `svtui monitor`): every 2 s one /proc sweep for the
// services that are up, one 48-byte record appended to each one's supervise/svtui-resources
// (the hour and the day a console opened later shows), and the samples handed to listeners —
// the health engine's resource rules read the same figures the history holds, from the same
// sweep. A file is written every other sweep (WRITE_EVERY: a pwrite costs more than the figures
// it carries), the services' turns spread over the sweeps, so a reader is at most 4 s behind.
// A service that is down is not sampled (its queued records are written then; its file stays
// open: it costs nothing); one that is no longer listed has its file closed. A file that cannot
// be opened or written is told once and then left out, until the service leaves the tree and
// comes back.
import { join } from 'node:path';
import type { ServiceRef, ServiceResources } from './figures.js';
import { RESOURCE_HISTORY_FILE, ResourceHistoryWriter } from './history-file.js';
import { linesPerSecond, type LineCount } from './log-rate.js';
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

/** Each history file is written every this many sweeps (its records queued between). */
export const WRITE_EVERY = 2;

/** What the recorder keeps of a service, found with one lookup a sweep. */
interface Kept {
  /** Its history; undefined once it could not be kept (told once). */
  writer: ResourceHistoryWriter | undefined;
  /** The sweeps that last listed it, and last sampled it (it was up). */
  listed: number;
  sampled: number;
  ref: ServiceRef;
  latest: ServiceResources | undefined;
  lines: LineCount | undefined;
}

export function recordResources(options: RecorderOptions): ResourceRecorder {
  const { warn } = options;
  const clock = options.clock ?? Date.now;
  const sampler = options.sampler ?? new ResourceSampler();
  const kept = new Map<string, Kept>();
  const listeners = new Set<SampleListener>();
  const up: Kept[] = [];
  const refs: ServiceRef[] = [];
  let sweep = 0;

  const open = (name: string): Kept => {
    const path = join(options.superviseDir(name), RESOURCE_HISTORY_FILE);
    const k: Kept = {
      writer: undefined,
      listed: 0,
      sampled: 0,
      ref: { id: name, pid: 0 },
      latest: undefined,
      lines: undefined,
    };
    try {
      k.writer = new ResourceHistoryWriter(path);
    } catch (error) {
      warn(`${name}: unable to keep ${path}: ${(error as Error).message}`);
    }
    kept.set(name, k);
    return k;
  };
  const failed = (k: Kept, error: string | undefined) => {
    if (!error) return;
    warn(`${k.ref.id}: unable to write ${RESOURCE_HISTORY_FILE}: ${error}`);
    k.writer?.close();
    k.writer = undefined;
  };

  const sample = () => {
    const listed = ++sweep;
    const nowMs = clock();
    up.length = 0;
    refs.length = 0;
    const services = options.services();
    for (const s of services) {
      const k = kept.get(s.name) ?? open(s.name);
      k.listed = listed;
      if (s.pid <= 0) continue;
      k.ref.pid = s.pid;
      up.push(k);
      refs.push(k.ref);
    }
    let samples: ServiceResources[];
    try {
      samples = sampler.sample(refs);
    } catch (error) {
      warn(`unable to sample resources: ${(error as Error).message}`);
      return;
    }
    let i = 0;
    for (const s of services) {
      if (s.pid <= 0) continue;
      const k = up[i]!;
      const sample = samples[i]!;
      k.sampled = listed;
      k.latest = sample;
      const lines = s.logLines === undefined ? undefined : { lines: s.logLines, atMs: nowMs };
      const rate = linesPerSecond(k.lines, lines);
      k.lines = lines;
      const w = k.writer;
      if (w) {
        const record = toRecord(sample, nowMs / 1000, {
          restarts: s.starts,
          logLinesPerSecond: rate,
        });
        // Each file every WRITE_EVERY sweeps, the services' turns spread over the sweeps.
        failed(k, w.queue(record) ?? ((listed + i) % WRITE_EVERY === 0 ? w.flush() : undefined));
      }
      i++;
    }
    // Not sampled (down): its queued records written, so its history ends where it stopped.
    // Not listed (gone from the tree): its file closed, and forgotten.
    if (up.length === kept.size) return notify(samples);
    for (const [name, k] of kept) {
      if (k.sampled === listed) continue;
      k.latest = undefined;
      if (k.listed === listed) failed(k, k.writer?.flush());
      else {
        k.writer?.close();
        kept.delete(name);
      }
    }
    notify(samples);
  };
  const notify = (samples: readonly ServiceResources[]) => {
    for (const listener of listeners) listener(samples);
  };

  const timer = setInterval(sample, options.everyMs ?? SAMPLE_MS);
  timer.unref();
  return {
    latest: (name) => kept.get(name)?.latest,
    onSample(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sample,
    stop() {
      clearInterval(timer);
      listeners.clear();
      for (const k of kept.values()) k.writer?.close();
      kept.clear();
      sampler.close();
    },
  };
}
