// svscan's part: every subdirectory of DIR not starting with `.` (symlinks followed) is a service,
// identified by device and inode so a rename restarts nothing. A service whose `log` exists the
// first time it is seen gets a logger and a held pipe. A directory that disappears keeps running
// (daemontools) and is forgotten once nothing of it runs. A slot that ended (`svc -x`) is taken up
// again at the next scan if its directory is still there, as svscan restarts supervise.
// Longer than most files here (~280 lines) because the life of an entry — found, opened, begun,
// drained, forgotten — is one sequence that reads best in one place.
import { closeSync, constants, openSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, errorCode } from '../codec/errors.js';
import { EVENTS_FILE, EventLog } from '../health/event-log.js';
import { parseLogRun } from '../log/inprocess.js';
import { pollCheck } from './check-poller.js';
import { inProcessLogger } from './inprocess-logger.js';
import { spawnProgram, spawnRun, type Launcher } from './launch.js';
import { lockBatcher } from './lock-batch.js';
import { makeFifos } from './files.js';
import { createLogPipe, type LogPipe } from './log-pipe.js';
import { isServiceProcess, parentSupervisor, stopOrphan } from './orphans.js';
import { hasFinish, isS6Tree, readSettings } from './service-settings.js';
import { Slot, type Lifecycle, type Readiness } from './slot.js';
import { StartQueue } from './start-queue.js';
import { TreeListing } from './tree-listing.js';
import { makeSupervise, openSuperviseDir, type SuperviseDir } from './supervise-dir.js';

/** svscan's SERVICES: entries beyond this many are not started. */
export const MAX_SERVICES = 1000;

export type Which = 'service' | 'log';

export interface Entry {
  key: string;
  name: string;
  /** Still found in DIR at the last scan. */
  active: boolean;
  /**
   * The directory held open, as supervise holds its cwd: its files are found through it wherever
   * the directory goes (renamed, or moved out of the tree while it still runs).
   */
  fd?: number;
  /** Where `fd` was found during the current run of JavaScript (null: nowhere); see where(). */
  located?: string | null;
  pipe?: LogPipe;
  service?: Slot;
  log?: Slot;
  /** supervise/svtui-events of each slot, opened at its first event (shared with src/health). */
  events: Partial<Record<Which, EventLog>>;
  opening: Set<Which>;
  warned: Partial<Record<Which, string>>;
}

export interface TreeOptions {
  dir: string;
  graceMs: number;
  inheritStdio: boolean;
  now: () => number;
  warn: (line: string) => void;
  changed: (label: string) => void;
}

interface Opened {
  entry: Entry;
  which: Which;
  files: SuperviseDir;
}

export class Tree {
  readonly entries = new Map<string, Entry>();
  private stopping = false;
  private allGone: (() => void) | undefined;
  /** The locks asked for in one scan are taken by one helper process. */
  private readonly lock = lockBatcher();
  /** Every slot's starts, a slice per turn of the event loop. */
  private readonly starts = new StartQueue();
  /** The tree is an s6-svscan tree: its services get s6's conventions (looked for each scan). */
  private s6Tree = false;
  private readonly listing: TreeListing;

  constructor(private readonly options: TreeOptions) {
    this.listing = new TreeListing(options.dir, options.warn);
  }

  /** The first scan: refuse (throw) if any service is supervised by someone else already. */
  async start(): Promise<void> {
    const entries = this.prepare(this.found());
    const opened = await Promise.all(entries.flatMap((entry) => this.openAll(entry, true)));
    const refused = opened.find((o): o is string => typeof o === 'string');
    if (refused !== undefined) {
      for (const o of opened) if (typeof o !== 'string' && o) o.files.close();
      for (const entry of this.entries.values()) release(entry);
      this.entries.clear();
      throw new Error(refused);
    }
    for (const o of opened) if (o && typeof o !== 'string') await this.begin(o);
  }

  /** A later scan: new services start; failures are warnings, retried at the next scan. */
  async rescan(): Promise<void> {
    if (this.stopping) return;
    const entries = this.prepare(this.found());
    const opened = await Promise.all(entries.flatMap((entry) => this.openAll(entry)));
    for (const o of opened) {
      if (typeof o === 'string' || !o) continue;
      if (this.stopping) o.files.close();
      else await this.begin(o);
    }
    this.checkAllGone();
  }

  /** Stop every service, then its logger once the service is gone; resolves when all are. */
  async stop(): Promise<void> {
    this.stopping = true;
    const done = new Promise<void>((resolve) => (this.allGone = resolve));
    for (const entry of this.entries.values()) {
      if (entry.service)
        entry.service.dispatch({ kind: 'shutdown', graceMs: this.options.graceMs });
      else this.drainLog(entry);
    }
    this.checkAllGone();
    await done;
  }

  private found(): Entry[] {
    this.s6Tree = isS6Tree(this.options.dir);
    // DIR unreadable this time: the services found before are not taken for removed.
    const listed = this.listing.read();
    if (!listed) return [];
    const seen = new Set<string>();
    for (const { name, key } of listed) {
      const entry = this.entries.get(key) ?? this.create(key, name);
      if (!entry) continue;
      seen.add(key);
      entry.name = name;
      entry.active = true;
    }
    for (const entry of this.entries.values()) {
      if (!seen.has(entry.key) && entry.active) {
        entry.active = false;
        this.options.changed(entry.name);
      }
      this.forgetIfIdle(entry);
    }
    return [...this.entries.values()].filter((e) => e.active);
  }

  /**
   * Make the supervise/ directories and FIFOs of every slot about to be opened with one mkfifo
   * process, instead of one per slot (only the first time a tree is ever supervised). A FIFO
   * made in a directory another supervisor owns does nothing: that one has its FIFOs already.
   */
  private prepare(entries: Entry[]): Entry[] {
    const fifos: string[] = [];
    for (const entry of entries) {
      for (const which of this.toOpen(entry)) {
        const dir = join(this.serviceDir(entry, which), 'supervise');
        makeSupervise(dir);
        fifos.push(join(dir, 'control'), join(dir, 'ok'));
      }
    }
    if (fifos.length > 0) makeFifos(fifos);
    return entries;
  }

  private toOpen(entry: Entry): Which[] {
    const which: Which[] = entry.pipe ? ['service', 'log'] : ['service'];
    return which.filter((w) => !entry[w] && !entry.opening.has(w));
  }

  /**
   * A directory seen for the first time, as svscan takes it up: at most MAX_SERVICES entries
   * (those removed but still running count), and `NAME/log` stat()ed now and never again — any
   * kind of file makes it logged; a stat error other than ENOENT skips it until the next scan.
   */
  private create(key: string, name: string): Entry | undefined {
    if (this.entries.size >= MAX_SERVICES) {
      this.options.warn(`unable to start ${name}: running too many services`);
      return undefined;
    }
    let logged = true;
    try {
      statSync(join(this.options.dir, name, 'log'));
    } catch (error) {
      logged = false;
      if (errorCode(error) !== 'ENOENT') {
        this.options.warn(`unable to stat ${name}/log: ${describeError(error)}`);
        return undefined;
      }
    }
    const entry: Entry = { key, name, active: true, events: {}, opening: new Set(), warned: {} };
    try {
      entry.fd = openSync(join(this.options.dir, name), constants.O_RDONLY | constants.O_DIRECTORY);
    } catch {
      /* found by name instead */
    }
    if (logged) entry.pipe = createLogPipe();
    this.entries.set(key, entry);
    return entry;
  }

  private openAll(entry: Entry, quiet = false): Promise<Opened | string | undefined>[] {
    return this.toOpen(entry).map((w) => this.open(entry, w, quiet));
  }

  /** Take LABEL/supervise over; a lock held by someone else is returned as the message. */
  private async open(
    entry: Entry,
    which: Which,
    quiet: boolean,
  ): Promise<Opened | string | undefined> {
    entry.opening.add(which);
    const label = which === 'log' ? `${entry.name}/log` : entry.name;
    const result = await openSuperviseDir(() => this.serviceDir(entry, which), label, this.lock);
    entry.opening.delete(which);
    if (result.ok) {
      entry.warned[which] = undefined;
      return { entry, which, files: result.dir };
    }
    const held =
      result.message.startsWith('unable to acquire') &&
      result.message.endsWith('temporary failure');
    if (entry.warned[which] !== result.message && !(quiet && held))
      this.options.warn(result.message);
    entry.warned[which] = result.message;
    return held ? result.message : undefined;
  }

  private serviceDir(entry: Entry, which: Which): string {
    const dir = where(entry) ?? join(this.options.dir, entry.name);
    return which === 'log' ? join(dir, 'log') : dir;
  }

  /** Stop what a killed supervisor left running, then start supervising afresh. */
  private async begin({ entry, which, files }: Opened): Promise<void> {
    const dir = this.serviceDir(entry, which);
    const label = which === 'log' ? `${entry.name}/log` : entry.name;
    const previous = files.previous;
    if (previous && previous.pid !== 0) {
      const recorded = Number(previous.since.seconds) * 1000 + previous.since.nanoseconds / 1e6;
      if (isServiceProcess(previous.pid, dir, recorded)) {
        const owner = parentSupervisor(previous.pid);
        if (owner) {
          // Its supervisor lives (behind a lock we could not see): never run a second copy.
          const message = `${label}: pid ${previous.pid} is supervised by ${owner.name} (pid ${owner.pid}); not supervising it`;
          if (entry.warned[which] !== message) this.options.warn(message);
          entry.warned[which] = message;
          files.close();
          return;
        }
        this.options.warn(
          `${label}: stopping pid ${previous.pid}, left running by a previous supervisor`,
        );
        await stopOrphan(previous.pid, this.options.graceMs);
      }
    }
    // supervise reads `down` once, at start; a stat error other than ENOENT is fatal to it (and
    // svscan starts it again 5 s later): here the next scan tries again.
    let downFile = true;
    try {
      statSync(join(dir, 'down'));
    } catch (error) {
      downFile = false;
      if (errorCode(error) !== 'ENOENT' && !this.stopping) {
        this.options.warn(`unable to stat ${label}/down: ${describeError(error)}`);
        files.close();
        return;
      }
    }
    if (this.stopping) {
      files.close();
      this.checkAllGone();
      return;
    }
    const here = () => this.serviceDir(entry, which);
    const labelNow = () => (which === 'log' ? `${entry.name}/log` : entry.name);
    const io = this.options.inheritStdio ? 'inherit' : 'ignore';
    const slot = new Slot({
      label: labelNow,
      files,
      // Where the directory is now: supervise chdir()s once, so a renamed service restarts in
      // its new place.
      launcher: (settings) => this.launcher(entry, which, here(), settings.notificationFd),
      queueStart: (start) => this.starts.push(start),
      settings: () => readSettings(here(), this.s6Tree),
      hasFinish: () => hasFinish(here()),
      // ./finish gets ./run's stdout (the log pipe) and stderr, never the logger's input.
      finisher: (args) => {
        const out = which === 'service' ? (entry.pipe?.writeFd ?? io) : io;
        return spawnProgram(here(), 'finish', args, [io, out, io], this.options.now);
      },
      pollCheck: (ready, problem) => pollCheck({ dir: here(), stderr: io, ready, problem }),
      ready: (readiness) => this.recordReady(entry, which, labelNow(), readiness),
      lifecycle: (change) => this.recordLifecycle(entry, which, labelNow(), change),
      now: this.options.now,
      warn: this.options.warn,
      changed: this.options.changed,
      finished: () => this.finished(entry, which),
      removed: () => !entry.active,
    });
    entry[which] = slot;
    slot.dispatch({ kind: 'begin', downFile });
    files.announce();
  }

  /** The event log of a slot's supervise/ (health's events and readiness share it). */
  eventLog(entry: Entry, which: Which): EventLog {
    const dir = join(this.serviceDir(entry, which), 'supervise');
    const kept = entry.events[which];
    // A service renamed in the tree writes to its new place (as it restarts there).
    if (kept && kept.path === join(dir, EVENTS_FILE)) return kept;
    kept?.close();
    // A directory that left the tree: failing to write there is expected, not worth a warning.
    const warn = (error: Error) => {
      if (entry.active) this.options.warn(`${entry.name}: ${error.message}`);
    };
    return (entry.events[which] = new EventLog(dir, undefined, warn));
  }

  /** `ready` in the slot's event log, for svtui events, the console and the health engine. */
  private recordReady(entry: Entry, which: Which, label: string, r: Readiness): void {
    const seconds = Math.round(r.afterMs) / 1000;
    void this.eventLog(entry, which).append({
      time: new Date(this.options.now()).toISOString(),
      service: label,
      kind: 'ready',
      text: `ready (${r.how}) ${seconds} s after the start`,
      value: seconds,
      pid: r.pid,
    });
  }

  /** Every start and exit in the slot's event log: `svtui events` and the console's timeline. */
  private recordLifecycle(entry: Entry, which: Which, label: string, change: Lifecycle): void {
    const time = new Date(change.at).toISOString();
    const log = this.eventLog(entry, which);
    if (change.kind === 'start') {
      void log.append({
        time,
        service: label,
        kind: 'start',
        text: `started, pid ${change.pid}`,
        pid: change.pid,
      });
      return;
    }
    const { reason, pid } = change;
    void log.append({
      time,
      service: label,
      kind: 'exit',
      text: reason.kind === 'signal' ? `killed by ${reason.signal}` : `exited ${reason.code}`,
      ...(reason.kind === 'signal' ? { signal: reason.signal } : { code: reason.code }),
      pid,
    });
  }

  private launcher(entry: Entry, which: Which, dir: string, notificationFd?: number): Launcher {
    const io = this.options.inheritStdio ? 'inherit' : 'ignore';
    if (which === 'service')
      return spawnRun(dir, [io, entry.pipe?.writeFd ?? io, io], this.options.now, notificationFd);
    const pipe = entry.pipe as LogPipe;
    let words: string[] | undefined;
    try {
      words = parseLogRun(readFileSync(join(dir, 'run'), 'utf8'));
    } catch {
      words = undefined;
    }
    if (!words) return spawnRun(dir, [pipe.readFd, io, io], this.options.now, notificationFd);
    const stderr = (text: string) => {
      for (const line of text.split('\n')) if (line) this.options.warn(line);
    };
    return inProcessLogger(words, dir, pipe, stderr);
  }

  private finished(entry: Entry, which: Which): void {
    entry[which] = undefined;
    if (which === 'service' && this.stopping) this.drainLog(entry);
    this.forgetIfIdle(entry);
    this.checkAllGone();
  }

  /** The service is gone for good: the logger reads to the end of the pipe, then stops. */
  private drainLog(entry: Entry): void {
    entry.pipe?.closeWriter();
    entry.log?.dispatch({ kind: 'drain', graceMs: this.options.graceMs });
  }

  private forgetIfIdle(entry: Entry): void {
    const idle = !entry.service && !entry.log && entry.opening.size === 0;
    if (idle && (!entry.active || this.stopping)) {
      release(entry);
      this.entries.delete(entry.key);
    }
  }

  private checkAllGone(): void {
    if (!this.stopping) return;
    for (const entry of this.entries.values()) this.forgetIfIdle(entry);
    if (this.entries.size === 0) this.allGone?.();
  }
}

/**
 * Where the entry's directory is now: the kernel's name for the descriptor held open. Read once
 * per run of JavaScript (until the next microtask checkpoint): a restart asks for it at each of
 * its steps — settings, finish, the spawn, every status and history write — and a rename cannot
 * be told apart from one that happened a moment later anyway.
 */
function where(entry: Entry): string | undefined {
  if (entry.fd === undefined) return undefined;
  if (entry.located === undefined) {
    entry.located = readLocation(entry.fd);
    queueMicrotask(() => (entry.located = undefined));
  }
  return entry.located ?? undefined;
}

function readLocation(fd: number): string | null {
  try {
    const path = readlinkSync(`/proc/self/fd/${fd}`);
    return path.startsWith('/') ? path : null;
  } catch {
    return null;
  }
}

function release(entry: Entry): void {
  entry.pipe?.close();
  for (const log of Object.values(entry.events)) log.close();
  if (entry.fd !== undefined) closeSync(entry.fd);
  entry.fd = undefined;
}
