// The runtime of one supervised directory (a service or its log/): it owns the state, feeds every
// input to the pure transition() and carries out the effects it returns — spawn, signal, write
// status and history, set the one timer. Events raised while effects run are queued, so each
// transition sees the state the previous one left.
import {
  deadlineOf,
  initialState,
  transition,
  type ServiceEvent,
  type ServiceState,
} from '../core/service.js';
import { describeError } from '../codec/errors.js';
import type { Launcher, RunHandle } from './launch.js';
import type { SuperviseDir } from './supervise-dir.js';

export interface SlotOptions {
  /** `NAME` or `NAME/log` (now: a rename in the tree renames it), for messages and notices. */
  label: () => string;
  files: SuperviseDir;
  /** Chosen afresh for every start (log/run may change between runs). */
  launcher: () => Launcher;
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
  private timer: NodeJS.Timeout | undefined;
  /** Events with the time they happened, handled in order. */
  private queue: [ServiceEvent, number][] = [];
  private busy = false;

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
    }
  }

  private step(event: ServiceEvent, now: number): void {
    const before = this.state;
    const { state, effects } = transition(before, event, now);
    this.state = state;
    const { files } = this.options;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'spawn':
          this.spawn();
          break;
        case 'signal':
          this.handle?.signal(effect.signal);
          break;
        case 'writeStatus':
          this.safely(() => files.writeStatus(effect.status));
          break;
        case 'writeHistory':
          this.safely(() => files.writeHistory(effect.history));
          break;
        case 'timer':
          this.setTimer(effect.at);
          break;
        case 'warn':
          this.options.warn(warning(this.options.label(), effect.text));
          break;
        case 'finished':
          files.close();
          this.options.finished();
          break;
      }
    }
    // A timer may fire a fraction of a millisecond early; nothing was due yet: wait again.
    const due = deadlineOf(this.state);
    if (event.kind === 'timer' && this.timer === undefined && due !== undefined) this.setTimer(due);
    if (state !== before) this.options.changed(this.options.label());
  }

  private spawn(): void {
    let pid = 0;
    this.handle = this.options.launcher()({
      onStarted: (started, at) => {
        pid = started;
        this.dispatch({ kind: 'started', pid }, at);
      },
      onFailed: (reason) => this.dispatch({ kind: 'startFailed', reason }),
      onExit: (reason) => this.dispatch({ kind: 'exited', pid, reason }),
    });
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

/**
 * A start failure as supervise words it, `unable to start NAME/run: ERR` (it says DIR/run); any
 * other problem is prefixed with the service's name.
 */
export function warning(label: string, text: string): string {
  const run = /^unable to start run(: .*)$/s.exec(text);
  return run ? `unable to start ${label}/run${run[1]}` : `${label}: ${text}`;
}
