// The TreeSource of a service tree on this machine's file system: listing, observation and
// polling (poller.ts), control bytes (control.ts), the log timelines (log.ts), the mode
// decision (mode.ts), CPU and memory every 2 s (usage.ts) and health (health.ts). Ids are the
// directory names: unique within one tree, stable across re-listings. The first frame needs only
// the listing, the first services' status and the selected log: health, figures and the service
// view's reader (and the modules behind them) come after it. The embedded source (../embedded.ts) is this one plus the in-process supervisor's
// change events, so both modes present the same facts.
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { RESOURCE_HISTORY_FILE } from '../../resources/history-file.js';
import type { ControlLetter } from '../../codec/letters.js';
import type {
  InterestOptions,
  Access,
  ControlOutcome,
  Fact,
  LogAbsence,
  LogTimeline,
  ServiceDetail,
  ServiceEntry,
  ServiceFacts,
  ServiceId,
  TreeChange,
  TreeSource,
} from '../port.js';
import { mayControl, sendControl } from './control.js';
import type { DetailReader } from './detail.js';
import { LocalLogs } from './log.js';
import type { HealthWatch } from './health.js';
import { detectMode } from './mode.js';
import { listServiceDirs, readFacts, type DirEntry } from './observe.js';
import { Poller, type PollerTimes } from './poller.js';
import { SeenSamples } from './seen-samples.js';
import { UsageWatch, type UsageOptions } from './usage.js';

export interface LocalSourceOptions {
  /** The tree was named on the command line: with nothing supervising it, svtui may embed. */
  explicit: boolean;
  now?: () => number;
  times?: PollerTimes;
  /** The resource sweep's pace (2 s) and /proc (tests). */
  usage?: UsageOptions;
}

/** A local tree's id is its directory name. */
export const localId = (name: string) => name as ServiceId;

export class LocalSource implements TreeSource {
  readonly title: string;
  private readonly listeners = new Set<(change: TreeChange) => void>();
  private readonly poller: Poller;
  private readonly logs: LocalLogs;
  private readonly usage: UsageWatch;
  /** Loaded once the first frame is up; until then the services read wait in `healthLater`. */
  private health: { watch: HealthWatch; files: ReadonlySet<string> } | undefined;
  private healthLater: Map<string, DirEntry> | undefined = new Map();
  private details: Promise<DetailReader> | undefined;
  private readonly seen = new SeenSamples();
  private readonly hasLog = new Map<string, boolean>();
  private readonly now: () => number;
  private started = false;
  private closed = false;
  /** Set by the embedded source once it supervises the tree. */
  private modeOverride: Access | undefined;
  /** The listing taken at construction, until the poller starts. */
  private initial: DirEntry[] | undefined;

  /** Lists the tree at once: throws a one-line Error naming the directory if it cannot. */
  constructor(
    readonly root: string,
    private readonly options: LocalSourceOptions,
  ) {
    this.title = root;
    this.now = options.now ?? Date.now;
    this.logs = new LocalLogs(root);
    this.initial = listServiceDirs(root);
    this.poller = new Poller(
      {
        list: () => listServiceDirs(root),
        read: (entry) => {
          // Health files change apart from the status (see watchService): a look costs stats.
          this.checkHealth(entry);
          return readFacts(entry.dir, this.logged(entry));
        },
        emit: (entry, facts, atMs) =>
          this.emit({ kind: 'facts', id: localId(entry.name), facts, atMs }),
        listed: (entries) => this.emit({ kind: 'services', entries: entries.map(toEntry) }),
        watchTree: (onChange) => watchDirectory(root, onChange),
        watchService: (entry, onChange) =>
          watchDirectory(
            join(entry.dir, 'supervise'),
            (file) => {
              // The health engine's files say nothing of the status, and the resource history
              // changes every 2 s: neither is worth re-reading the status for.
              if (file !== null && this.health?.files.has(file)) this.checkHealth(entry);
              else if (file === null || !file.startsWith(RESOURCE_HISTORY_FILE)) onChange();
            },
            true,
          ),
        now: this.now,
      },
      options.times,
    );
    this.usage = new UsageWatch(
      {
        running: () =>
          this.poller
            .running()
            .map(({ entry, pid }) => ({ id: localId(entry.name), dir: entry.dir, pid })),
        emit: (samples, atMs) => {
          this.seen.record(samples, atMs);
          this.emit({ kind: 'resources', samples, atMs });
        },
        now: this.now,
      },
      options.usage,
    );
  }

  async list(): Promise<readonly ServiceEntry[]> {
    return (this.initial ?? listServiceDirs(this.root)).map(toEntry);
  }

  async read(id: ServiceId): Promise<ServiceFacts | undefined> {
    return this.poller.refresh(id);
  }

  async access(): Promise<Access> {
    if (this.modeOverride) return this.modeOverride;
    const entries = this.initial ?? listServiceDirs(this.root);
    const { mode, denied, owned } = detectMode(this.root, entries, this.options.explicit);
    if (mode === 'unsupervised')
      return {
        mode,
        readOnly: true,
        why: { code: 'unsupervised', text: 'nothing supervises this tree' },
      };
    const readOnly = denied || (owned !== undefined && !mayControl(owned.dir));
    return readOnly
      ? { mode, readOnly, why: { code: 'no-permission', text: 'no permission to control' } }
      : { mode, readOnly };
  }

  /** The embedded source: the console now supervises this tree. */
  supervisedHere(): void {
    this.modeOverride = { mode: 'embedded', readOnly: false };
  }

  watch(listener: (change: TreeChange) => void): () => void {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      this.poller.start(this.initial);
      this.initial = undefined;
      // The rest of a big tree once the first screen is up, health with it; the first resource
      // sweep then too, and the service view's reader once that is done.
      setTimeout(() => {
        void this.startHealth();
        this.poller.readRest();
      }, 100).unref();
      setTimeout(() => !this.closed && void this.usage.start(), 300).unref();
      setTimeout(
        () => !this.closed && void this.detailReader().catch(() => undefined),
        1000,
      ).unref();
    }
    return () => this.listeners.delete(listener);
  }

  setInterest(ids: readonly ServiceId[], options: InterestOptions = {}): void {
    this.poller.setInterest(ids);
    this.usage.setInterest(ids, options.allFigures ?? false);
  }

  /** Re-read a service now (the supervisor said it changed). */
  refresh(name: string): void {
    this.poller.refresh(name);
  }

  async control(
    id: ServiceId,
    letter: ControlLetter,
    target: 'service' | 'log' = 'service',
  ): Promise<ControlOutcome> {
    const entry = this.poller.entry(id);
    if (!entry) return { ok: false, code: 'ENOENT', text: 'no such service' };
    const result = sendControl(target === 'log' ? join(entry.dir, 'log') : entry.dir, letter);
    if (result.ok) return { ok: true };
    return { ok: false, code: result.code, text: result.reason };
  }

  async openLog(id: ServiceId, rows: number): Promise<LogTimeline | Fact<LogAbsence>> {
    const entry = this.poller.entry(id) ?? this.initial?.find((e) => e.name === id);
    if (!entry) return { code: 'unknown-service', text: 'no such service' };
    return this.logs.open(entry.dir, rows);
  }

  async detail(id: ServiceId): Promise<ServiceDetail | Fact<'unknown-service'>> {
    const entry = this.poller.entry(id) ?? this.initial?.find((e) => e.name === id);
    if (!entry) return { code: 'unknown-service', text: 'no such service' };
    const reader = await this.detailReader();
    return reader.read(id, entry.name, entry.dir, () => this.seen.points(id));
  }

  private detailReader(): Promise<DetailReader> {
    this.details ??= import('./detail.js').then(
      ({ DetailReader }) => new DetailReader(this.root, this.now),
    );
    return this.details;
  }

  /** Load the health reader and look at every service read so far. */
  private async startHealth(): Promise<void> {
    if (this.health) return;
    const { HealthWatch, HEALTH_FILES } = await import('./health.js');
    if (this.closed || this.health) return;
    const watch = new HealthWatch(this.root, {
      emit: (id, health, atMs) => this.emit({ kind: 'health', id, health, atMs }),
      now: this.now,
    });
    this.health = { watch, files: HEALTH_FILES };
    const later = this.healthLater;
    this.healthLater = undefined;
    for (const entry of later?.values() ?? []) this.checkHealth(entry);
  }

  private checkHealth(entry: DirEntry): void {
    if (this.health) this.health.watch.check(localId(entry.name), entry.dir);
    else this.healthLater?.set(entry.name, entry);
  }

  async openMergedLog(
    ids: readonly ServiceId[],
    rows: number,
  ): Promise<LogTimeline | Fact<LogAbsence>> {
    const dirs = ids.flatMap((id) => {
      const entry = this.poller.entry(id) ?? this.initial?.find((e) => e.name === id);
      return entry ? [entry.dir] : [];
    });
    if (dirs.length === 0) return { code: 'unknown-service', text: 'no such service' };
    return this.logs.openMerged(dirs, rows);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.poller.stop();
    this.usage.stop();
    this.listeners.clear();
  }

  private logged(entry: DirEntry): boolean {
    let known = this.hasLog.get(entry.name);
    if (known === undefined) {
      known = existsSync(join(entry.dir, 'log'));
      this.hasLog.set(entry.name, known);
    }
    return known;
  }

  private emit(change: TreeChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}

function toEntry(e: DirEntry): ServiceEntry {
  return { id: localId(e.name), name: e.name, ...(e.removed ? { removed: true } : {}) };
}

/** fs.watch on a directory; where it cannot be watched the polls remain (undefined if asked). */
type OnChange = (file: string | null) => void;
function watchDirectory(dir: string, onChange: OnChange): () => void;
function watchDirectory(
  dir: string,
  onChange: OnChange,
  orUndefined: true,
): (() => void) | undefined;
function watchDirectory(dir: string, onChange: OnChange, orUndefined = false) {
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, (_event, file) => onChange(file));
    watcher.on('error', () => watcher?.close());
  } catch {
    return orUndefined ? undefined : () => undefined;
  }
  return () => watcher?.close();
}

/** What a path named on the command line is, for the console's argument check. */
export function pathKind(path: string): 'directory' | 'missing' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'other';
  }
}
