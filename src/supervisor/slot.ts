// The runtime of one supervised directory (a service or its log/): it owns the state, feeds every
// input to the pure transition() and carries out the effects it returns — spawn, signal, write
// status and history, set the one timer. Events raised while effects run are queued, so each
// transition sees the state the previous one left. Before each start it reads the directory's
// runit and s6 files; after each death it runs ./finish if there is one; after each start it
// waits for the readiness signal (notification-fd, ./check) the directory asks for.
import {
  deadlineOf,
  initialState,
  transition,
  type ServiceEvent,
  type ServiceState,
} from '../core/service.js';
import { describeError } from '../codec/errors.js';
import type { ExitReason, ServiceHistory } from '../codec/history.js';
import type { ServiceStatus } from '../codec/status.js';
import { finishArgs, type RunSettings } from '../codec/service-files.js';
import type { CheckPolling } from './check-poller.js';
import type { Launcher, RunHandle } from './launch.js';
import type { DirSettings } from './service-settings.js';
import type { SuperviseDir } from './supervise-dir.js';

/** ./run became ready: `how` it said so, `afterMs` after its start. */
export interface Readiness {
  pid: number;
  how: string;
  afterMs: number;
}

/** `at`: when it happened (ms); it is recorded a moment later, once the status is written. */
export type Lifecycle =
  | { kind: 'start'; pid: number; at: number }
  | { kind: 'exit'; pid: number; reason: ExitReason; at: number };

export interface SlotOptions {
  /** `NAME` or `NAME/log` (now: a rename in the tree renames it), for messages and notices. */
  label: () => string;
  files: SuperviseDir;
  /** Chosen afresh for every start (log/run may change between runs). */
  launcher: (settings: RunSettings) => Launcher;
  /** Runs a start when its turn comes (the tree's StartQueue: starts never hold the loop). */
  queueStart: (start: () => void) => void;
  /** The directory's runit and s6 files, read before each start. */
  settings: () => DirSettings;
  /** Whether ./finish is there now. */
  hasFinish: () => boolean;
  /** ./finish with these arguments. */
  finisher: (args: string[]) => Launcher;
  /** Poll ./check until it passes (runit's readiness probe). */
  pollCheck: (ready: () => void, problem: (text: string) => void) => CheckPolling;
  /** ./run said it is ready. */
  ready: (readiness: Readiness) => void;
  /** ./run started or exited (for the service's event log: "why did it restart?"). */
  lifecycle?: (change: Lifecycle) => void;
  now: () => number;
  warn: (line: string) => void;
  changed: (label: string) => void;
  finished: () => void;
  /** The directory left the tree: failing to write its status is expected, not worth a warning. */
  removed: () => boolean;
}

export class Slot {
  state: ServiceState;
  private handle: RunHandle | undefined;
  private finishHandle: RunHandle | undefined;
  private checking: CheckPolling | undefined;
  private settingsWarned = '';
  private timer: NodeJS.Timeout | undefined;
  /** Events with the time they happened, handled in order. */
  private queue: [ServiceEvent, number][] = [];
  private busy = false;
  /**
   * The status and history to write once every event queued now is handled: the last of each
   * wins. A respawn (an exit, then the new start) writes its files once, with the new pid,
   * instead of a "down" that the start overwrites a moment later.
   */
  private unwritten: { status?: ServiceStatus; history?: ServiceHistory } = {};
  /**
   * What others hear of (the event log's starts and exits, change notices for the health engine
   * and the console), told once the status is written: a restart's new pid reaches
   * supervise/status first, as supervise writes it right after fork.
   */
  private untold: (() => void)[] = [];
  /** The history waits for the check phase of this turn of the loop (see write()). */
  private historyQueued = false;

  constructor(private readonly options: SlotOptions) {
    this.state = initialState(
      options.now(),
      options.files.previousHistory && {
        ...options.files.previousHistory,
        starts: 0,
        problem: undefined,
      },
    );
    options.files.onControl((letter) => this.dispatch({ kind: 'control', letter }));
  }

  get label(): string {
    return this.options.label();
  }

  /** Handle `event`, which happened at `at` (default: now). */
  dispatch(event: ServiceEvent, at = this.options.now()): void {
    this.queue.push([event, at]);
    if (this.busy) return;
    this.busy = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) this.step(...next);
    } finally {
      this.busy = false;
      this.write();
      this.tell();
    }
  }

  /**
   * The status now, the history at the check phase of this turn of the loop (the last one
   * queued wins): when many services exit together, every status is written before any history.
   * A reader trusts a history no older than the status, so it is never written first. `now`
   * writes both at once (the slot is closing).
   */
  private write(now = false): void {
    const { status } = this.unwritten;
    const { files } = this.options;
    this.unwritten.status = undefined;
    if (status) this.safely(() => files.writeStatus(status));
    if (now) this.writeHistory();
    else if (this.unwritten.history && !this.historyQueued) {
      this.historyQueued = true;
      setImmediate(() => this.writeHistory());
    }
  }

  private writeHistory(): void {
    this.historyQueued = false;
    const { history } = this.unwritten;
    this.unwritten.history = undefined;
    if (history) this.safely(() => this.options.files.writeHistory(history));
  }

  private tell(): void {
    const untold = this.untold;
    if (untold.length === 0) return;
    this.untold = [];
    for (const notice of untold) notice();
  }

  private step(event: ServiceEvent, now: number): void {
    const before = this.state;
    const { state, effects } = transition(before, event, now);
    this.state = state;
    const { files } = this.options;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'spawn':
          this.options.queueStart(() => this.spawn());
          break;
        case 'spawnFinish':
          this.spawnFinish(
            finishArgs(state.settings.convention, effect.end, this.label, effect.pgid),
          );
          break;
        case 'signal': {
          const finish = state.phase === 'finishing' && effect.pid === state.finishPid;
          (finish ? this.finishHandle : this.handle)?.signal(effect.signal);
          break;
        }
        case 'ready':
          this.options.ready(effect);
          break;
        case 'writeStatus':
          this.unwritten.status = effect.status;
          break;
        case 'writeHistory':
          this.unwritten.history = effect.history;
          break;
        case 'timer':
          this.setTimer(effect.at);
          break;
        case 'warn':
          this.options.warn(warning(this.options.label(), effect.text));
          break;
        case 'finished':
          this.write(true);
          this.stopChecking();
          files.close();
          this.options.finished();
          break;
      }
    }
    // A timer may fire a fraction of a millisecond early; nothing was due yet: wait again.
    const due = deadlineOf(this.state);
    if (event.kind === 'timer' && this.timer === undefined && due !== undefined) this.setTimer(due);
    if (state !== before) this.untold.push(() => this.options.changed(this.options.label()));
  }

  private spawn(): void {
    const { settings, problems } = this.options.settings();
    const said = problems.map((p) => `${p.file}: ${p.message}; using the default`).join('\n');
    if (said !== this.settingsWarned) {
      for (const line of said.split('\n')) if (line) this.options.warn(`${this.label}/${line}`);
    }
    this.settingsWarned = said;
    // Read at every start; the state changes (and listeners hear of it) only when they did.
    if (!sameSettings(settings, this.state.settings)) this.dispatch({ kind: 'settings', settings });
    let pid = 0;
    this.stopChecking();
    this.handle = this.options.launcher(settings)({
      onStarted: (started, at) => {
        pid = started;
        const lifecycle = this.options.lifecycle;
        const when = at ?? this.options.now();
        // Queued before the dispatch, which tells it (a start from the queue is not inside one).
        if (lifecycle) this.untold.push(() => lifecycle({ kind: 'start', pid, at: when }));
        this.dispatch({ kind: 'started', pid }, at);
        if (settings.check) this.startChecking(pid);
      },
      onFailed: (reason) =>
        this.dispatch({ kind: 'startFailed', reason, finish: this.options.hasFinish() }),
      onExit: (reason) => {
        this.stopChecking();
        const lifecycle = this.options.lifecycle;
        const at = this.options.now();
        if (lifecycle) this.untold.push(() => lifecycle({ kind: 'exit', pid, reason, at }));
        this.dispatch({ kind: 'exited', pid, reason, finish: this.options.hasFinish() });
      },
      onReady: () =>
        this.dispatch({ kind: 'ready', pid, how: `notification-fd ${settings.notificationFd}` }),
    });
  }

  private spawnFinish(args: string[]): void {
    this.finishHandle = this.options.finisher(args)({
      onStarted: (pid, at) => this.dispatch({ kind: 'finishStarted', pid }, at),
      onFailed: (problem) => this.dispatch({ kind: 'finishExited', problem }),
      onExit: (reason) => this.dispatch({ kind: 'finishExited', reason }),
    });
  }

  private startChecking(pid: number): void {
    this.checking = this.options.pollCheck(
      () => this.dispatch({ kind: 'ready', pid, how: './check' }),
      (text) => this.options.warn(warning(this.label, text)),
    );
  }

  private stopChecking(): void {
    this.checking?.stop();
    this.checking = undefined;
  }

  private setTimer(at: number | undefined): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (at === undefined) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.dispatch({ kind: 'timer' });
      },
      Math.max(0, Math.ceil(at - this.options.now())),
    );
  }

  /** A full disk must not stop supervision: warn once per kind of failure and carry on. */
  private lastWriteError: string | undefined;
  private safely(write: () => void): void {
    try {
      write();
      this.lastWriteError = undefined;
    } catch (error) {
      if (this.options.removed()) return;
      const text = `unable to write ${this.options.label()}/supervise/status: ${describeError(error)}`;
      if (text !== this.lastWriteError) this.options.warn(text);
      this.lastWriteError = text;
    }
  }
}

function sameSettings(a: RunSettings, b: RunSettings): boolean {
  return (
    a.convention === b.convention &&
    a.downSignal === b.downSignal &&
    a.timeoutKillMs === b.timeoutKillMs &&
    a.timeoutFinishMs === b.timeoutFinishMs &&
    a.notificationFd === b.notificationFd &&
    a.check === b.check
  );
}

/**
 * A start failure as supervise words it, `unable to start NAME/run: ERR` (it says DIR/run; the
 * same for finish and check); any other problem is prefixed with the service's name.
 */
export function warning(label: string, text: string): string {
  const run = /^unable to start (run|finish|check)(: .*)$/s.exec(text);
  return run ? `unable to start ${label}/${run[1]}${run[2]}` : `${label}: ${text}`;
}
