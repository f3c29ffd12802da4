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
import type { ResourceRecord } from '../codec/resource-history.js';
import type { ServiceRef, ServiceResources } from './figures.js';
import { RESOURCE_HISTORY_FILE, ResourceHistoryWriter } from './history-file.js';
import { linesPerSecond, type LineCount } from './log-rate.js';
import { toRecordInto, type ServiceCounters } from './records.js';
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
  /**
   * The newest sample of a service that was up at the last sweep (updated in place by the next
   * sweep while nobody listens).
   */
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
  const into: (ServiceResources | undefined)[] = [];
  const record: ResourceRecord = { time: 0, pid: 0, restarts: 0, checksRun: 0, checksFailed: 0 };
  const counters: ServiceCounters = { restarts: 0 };
  const lines: LineCount = { lines: 0, atMs: 0 };
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
    // Each service's sample is updated in place sweep after sweep, unless a listener is told of
    // it (the health engine keeps the newest): then each sweep's samples are its own.
    let samples: ServiceResources[];
    try {
      if (listeners.size > 0) samples = sampler.sample(refs);
      else {
        into.length = up.length;
        for (let j = 0; j < up.length; j++) into[j] = up[j]!.latest;
        samples = sampler.sample(refs, into);
      }
    } catch (error) {
      warn(`unable to sample resources: ${(error as Error).message}`);
      return;
    }
    const time = nowMs / 1000;
    let i = 0;
    for (const s of services) {
      if (s.pid <= 0) continue;
      const k = up[i]!;
      const sample = samples[i]!;
      k.sampled = listed;
      k.latest = sample;
      counters.restarts = s.starts;
      counters.logLinesPerSecond = undefined;
      if (s.logLines === undefined) k.lines = undefined;
      else {
        lines.lines = s.logLines;
        lines.atMs = nowMs;
        counters.logLinesPerSecond = linesPerSecond(k.lines, lines);
        k.lines ??= { lines: 0, atMs: 0 };
        k.lines.lines = s.logLines;
        k.lines.atMs = nowMs;
      }
      const w = k.writer;
      if (w) {
        // One record object for all: the writer packs it at once and keeps none.
        toRecordInto(record, sample, time, counters);
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
