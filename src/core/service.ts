// The service state machine: supervise's `doit()` as a pure function. Every input — a control
// byte, a child's exit, the result of a start, a deadline — is an event; transition() returns the
// next state and the effects to carry out, as data. The runtime (src/supervisor/) interprets them.
// The clock is an argument (`now`, milliseconds), so tests run without processes or sleeps.
// One file of ~300 lines on purpose: the whole state × event table reads in one place, as
// supervise.c's doit() does; each case is a few lines.
import { MAX_RECENT, type ExitReason, type ServiceHistory } from '../codec/history.js';
import type { ServiceStatus, Want } from '../codec/status.js';
import { timeFromMillis } from '../codec/tai64n.js';
import { letterFacts, type SignalName } from '../codec/letters.js';

/** A minimum of one second between two starts, as supervise's sleep(1) after each fork. */
export const START_INTERVAL_MS = 1000;

export type { Letter, SignalName } from '../codec/letters.js';

/** down: no process; starting: a start was asked for; up: running; gone: supervision ended. */
export type Phase = 'down' | 'starting' | 'up' | 'gone';

export interface ServiceState {
  phase: Phase;
  /** 0 unless up. */
  pid: number;
  want: Want;
  paused: boolean;
  /** TERM was sent and the process has not died yet (runit's byte 18). */
  gotTerm: boolean;
  /** `x` was received: end supervision once down. */
  exiting: boolean;
  /** The supervisor is shutting down: KILL at killAt, then end. */
  stopping: boolean;
  /** The last pid change (start or death), ms. */
  since: number;
  lastStartAt?: number;
  /** A throttled start is due at this time. */
  startAt?: number;
  /** Draining a logger: TERM at termAt if it has not exited by itself. */
  termAt?: number;
  /** Grace period after TERM before KILL, set by shutdown or drain. */
  graceMs?: number;
  /** Shutdown grace period ends: KILL. */
  killAt?: number;
  /** Why the last start failed (cleared by a successful start). */
  problem?: string;
  history: ServiceHistory;
}

export type ServiceEvent =
  | { kind: 'begin'; downFile: boolean }
  | { kind: 'control'; letter: string }
  | { kind: 'started'; pid: number }
  | { kind: 'startFailed'; reason: string }
  | { kind: 'exited'; pid: number; reason: ExitReason }
  | { kind: 'timer' }
  | { kind: 'shutdown'; graceMs: number }
  | { kind: 'drain'; graceMs: number };

export type Effect =
  | { kind: 'spawn' }
  | { kind: 'signal'; pid: number; signal: SignalName }
  | { kind: 'writeStatus'; status: ServiceStatus }
  | { kind: 'writeHistory'; history: ServiceHistory }
  | { kind: 'timer'; at: number | undefined }
  | { kind: 'warn'; text: string }
  | { kind: 'finished' };

export interface Transition {
  state: ServiceState;
  effects: Effect[];
}

export function initialState(now: number, history?: ServiceHistory): ServiceState {
  return {
    phase: 'down',
    pid: 0,
    want: 'up',
    paused: false,
    gotTerm: false,
    exiting: false,
    stopping: false,
    since: now,
    history: history ?? { starts: 0, recentStarts: [], recentExits: [] },
  };
}

/**
 * What supervise/status says about `state`. "Once" is stored as runsv stores it, want down
 * (`d`), not as daemontools' 0 byte: the file has runit's 20-byte layout, and `sv -v once`
 * (and `sv status`) only work with `d` — with 0 `sv -v once` waits for a `d` that never comes and
 * times out. The cost: the real svstat adds `, want down` to a once service while it runs, as it
 * does against runsv; it is what will happen when it exits.
 */
export function statusOf(state: ServiceState): ServiceStatus {
  return {
    since: timeFromMillis(state.since),
    pid: state.pid,
    paused: state.paused && state.pid !== 0,
    want: state.want === 'once' ? 'down' : state.want,
    gotTerm: state.gotTerm && state.pid !== 0,
    state: state.pid !== 0 ? 'run' : 'down',
  };
}

/** The next deadline the runtime must wake this service for, if any. */
export function deadlineOf(state: ServiceState): number | undefined {
  const times = [state.startAt, state.termAt, state.killAt].filter(
    (t): t is number => t !== undefined,
  );
  return times.length > 0 ? Math.min(...times) : undefined;
}

/** A small builder so each case reads as "change this, emit that". */
class Step {
  effects: Effect[] = [];
  status = false;
  history = false;
  constructor(
    public state: ServiceState,
    readonly now: number,
  ) {}
  set(patch: Partial<ServiceState>): this {
    this.state = { ...this.state, ...patch };
    return this;
  }
  emit(effect: Effect): this {
    this.effects.push(effect);
    return this;
  }
  signal(...signals: SignalName[]): this {
    for (const signal of signals) this.emit({ kind: 'signal', pid: this.state.pid, signal });
    return this;
  }
}

export function transition(state: ServiceState, event: ServiceEvent, now: number): Transition {
  const step = new Step(state, now);
  if (state.phase !== 'gone') apply(step, event);
  // A start goes first: the files are written right after, and a respawn waits for nothing.
  const spawn = step.effects.filter((e) => e.kind === 'spawn');
  const effects: Effect[] = [...spawn];
  if (step.status) effects.push({ kind: 'writeStatus', status: statusOf(step.state) });
  if (step.history) effects.push({ kind: 'writeHistory', history: step.state.history });
  effects.push(...step.effects.filter((e) => e.kind !== 'spawn'));
  const before = deadlineOf(state);
  const after = step.state.phase === 'gone' ? undefined : deadlineOf(step.state);
  if (before !== after) effects.push({ kind: 'timer', at: after });
  return { state: step.state, effects };
}

function apply(step: Step, event: ServiceEvent): void {
  switch (event.kind) {
    case 'begin':
      step.set({ want: event.downFile ? 'down' : 'up' }).status = true;
      if (!event.downFile) tryStart(step);
      return;
    case 'control':
      return control(step, event.letter);
    case 'started':
      return started(step, event.pid);
    case 'startFailed':
      return startFailed(step, event.reason);
    case 'exited':
      return exited(step, event.pid, event.reason);
    case 'timer':
      return timer(step);
    case 'shutdown':
      return shutdown(step, event.graceMs);
    case 'drain':
      return drain(step, event.graceMs);
  }
}

/** Start now, or once a second has passed since the last start. */
function tryStart(step: Step): void {
  const { phase, lastStartAt, stopping } = step.state;
  if (phase !== 'down' || stopping) return;
  const due = lastStartAt === undefined ? step.now : lastStartAt + START_INTERVAL_MS;
  if (due > step.now) {
    step.set({ startAt: due });
    return;
  }
  step
    .set({ phase: 'starting', lastStartAt: step.now, startAt: undefined })
    .emit({ kind: 'spawn' });
}

function started(step: Step, pid: number): void {
  if (step.state.phase !== 'starting') return;
  const history = step.state.history;
  step.set({
    phase: 'up',
    pid,
    since: step.now,
    paused: false,
    gotTerm: false,
    problem: undefined,
    history: {
      ...history,
      starts: history.starts + 1,
      problem: undefined,
      recentStarts: [...history.recentStarts, timeFromMillis(step.now)].slice(-MAX_RECENT),
    },
  });
  step.status = step.history = true;
  if (step.state.stopping || step.state.want === 'down') {
    step.signal('SIGTERM', 'SIGCONT').set({ gotTerm: true });
  }
}

function startFailed(step: Step, reason: string): void {
  if (step.state.phase !== 'starting') return;
  step.set({ phase: 'down' });
  if (reason !== step.state.problem) {
    step.emit({ kind: 'warn', text: reason });
    step.set({ problem: reason, history: { ...step.state.history, problem: reason } });
    step.history = true;
  }
  if (step.state.exiting || step.state.stopping) return finish(step);
  if (step.state.want === 'up') tryStart(step);
}

function exited(step: Step, pid: number, reason: ExitReason): void {
  if (step.state.phase !== 'up' || pid !== step.state.pid) return;
  const history = step.state.history;
  step.set({
    phase: 'down',
    pid: 0,
    since: step.now,
    paused: false,
    gotTerm: false,
    killAt: undefined,
    termAt: undefined,
    history: {
      ...history,
      lastExit: reason,
      recentExits: [...history.recentExits, { at: timeFromMillis(step.now), reason }].slice(
        -MAX_RECENT,
      ),
    },
  });
  step.status = step.history = true;
  if (step.state.exiting || step.state.stopping) return finish(step);
  if (step.state.want === 'up') tryStart(step);
}

function finish(step: Step): void {
  step
    .set({ phase: 'gone', startAt: undefined, termAt: undefined, killAt: undefined })
    .emit({ kind: 'finished' });
}

function timer(step: Step): void {
  const { startAt, termAt, killAt, phase } = step.state;
  if (termAt !== undefined && termAt <= step.now) {
    step.set({ termAt: undefined });
    if (phase === 'up') {
      step.signal('SIGTERM', 'SIGCONT');
      step.set({ gotTerm: true, killAt: step.now + (step.state.graceMs ?? 0) }).status = true;
    }
  }
  if (killAt !== undefined && killAt <= step.now) {
    step.set({ killAt: undefined });
    if (phase === 'up') step.signal('SIGKILL');
  }
  if (startAt !== undefined && startAt <= step.now) {
    step.set({ startAt: undefined });
    if (step.state.want !== 'down') tryStart(step);
  }
}

/** A logger whose service is gone: let it read to end of input, TERM it after `graceMs`. */
function drain(step: Step, graceMs: number): void {
  step.set({ stopping: true, want: 'down', startAt: undefined, graceMs }).status = true;
  const { phase } = step.state;
  if (phase === 'down') return finish(step);
  step.set({ termAt: step.now + graceMs });
}

function shutdown(step: Step, graceMs: number): void {
  step.set({ stopping: true, want: 'down', startAt: undefined, graceMs }).status = true;
  const { phase } = step.state;
  if (phase === 'down') return finish(step);
  if (phase === 'up') {
    step
      .signal('SIGTERM', 'SIGCONT')
      .set({ gotTerm: true, paused: false, killAt: step.now + graceMs });
  } else step.set({ killAt: step.now + graceMs });
}

/** A control byte, as the one letter table (src/codec/letters.ts) says supervise reads it. */
function control(step: Step, letter: string): void {
  const facts = letterFacts(letter);
  if (!facts) return;
  const up = step.state.phase === 'up';
  switch (facts.action) {
    case 'want-up':
      step.set({ want: 'up' }).status = true;
      return tryStart(step);
    case 'want-once':
      step.set({ want: 'once' }).status = true;
      return tryStart(step);
    case 'want-down':
      step.set({ want: 'down', startAt: undefined }).status = true;
      if (up) step.signal(...facts.signals).set({ gotTerm: true, paused: false });
      return;
    case 'pause':
      step.set({ paused: true }).status = true;
      if (up) step.signal(...facts.signals);
      return;
    case 'continue':
      step.set({ paused: false }).status = true;
      if (up) step.signal(...facts.signals);
      return;
    case 'term':
      if (up) step.signal(...facts.signals).set({ gotTerm: true }).status = true;
      return;
    case 'exit':
      step.set({ exiting: true, startAt: undefined }).status = true;
      if (step.state.phase === 'down') finish(step);
      return;
    case 'signal':
      if (up) step.signal(...facts.signals);
  }
}
