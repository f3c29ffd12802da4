// The service state machine: supervise's `doit()` as a pure function. Every input — a control
// byte, a child's exit, the result of a start, a deadline — is an event; transition() returns the
// next state and the effects to carry out, as data. The runtime (src/supervisor/) interprets them.
// The clock is an argument (`now`, milliseconds), so tests run without processes or sleeps.
// One file of ~400 lines on purpose: the whole state × event table reads in one place, as
// supervise.c's doit() does; each case is a few lines. The state, events and effects are in
// service-state.ts. runit's and s6's ./finish, timeout-kill, down-signal and readiness are here
// too (the files' meaning is src/codec/service-files.ts).
import { MAX_RECENT, type ExitReason } from '../codec/history.js';
import { runsFinish, S6_NO_RESTART, type RunEnd } from '../codec/service-files.js';
import type { Signal } from '../codec/signals.js';
import { timeFromMillis } from '../codec/tai64n.js';
import { letterFacts } from '../codec/letters.js';
import {
  deadlineOf,
  statusOf,
  type Effect,
  type ServiceEvent,
  type ServiceState,
  type Transition,
} from './service-state.js';

export {
  deadlineOf,
  initialState,
  statusOf,
  type Effect,
  type Phase,
  type ServiceEvent,
  type ServiceState,
  type Transition,
} from './service-state.js';

/** A minimum of one second between two starts, as supervise's sleep(1) after each fork. */
export const START_INTERVAL_MS = 1000;

export type { Letter, SignalName } from '../codec/letters.js';

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
  /** Signal the process that runs: ./run, or ./finish while it runs (as runsv, whose pid it is). */
  signal(...signals: Signal[]): this {
    const { phase, pid, finishPid } = this.state;
    const target = phase === 'finishing' ? finishPid : pid;
    for (const signal of signals) this.emit({ kind: 'signal', pid: target, signal });
    return this;
  }
}

export function transition(state: ServiceState, event: ServiceEvent, now: number): Transition {
  const step = new Step(state, now);
  if (state.phase !== 'gone') apply(step, event);
  // A start goes first: the files are written right after, and a respawn waits for nothing.
  const spawns = (e: Effect) => e.kind === 'spawn' || e.kind === 'spawnFinish';
  const effects: Effect[] = step.effects.filter(spawns);
  if (step.status) effects.push({ kind: 'writeStatus', status: statusOf(step.state) });
  if (step.history) effects.push({ kind: 'writeHistory', history: step.state.history });
  effects.push(...step.effects.filter((e) => !spawns(e)));
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
    case 'settings':
      step.set({ settings: event.settings });
      return;
    case 'started':
      return started(step, event.pid);
    case 'startFailed':
      return startFailed(step, event.reason, event.finish ?? false);
    case 'exited':
      return exited(step, event.pid, event.reason, event.finish ?? false);
    case 'finishStarted':
      return finishStarted(step, event.pid);
    case 'finishExited':
      return finishExited(step, event.reason, event.problem);
    case 'ready':
      return ready(step, event.pid, event.how);
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
    readyAt: undefined,
    history: {
      ...history,
      starts: history.starts + 1,
      problem: undefined,
      recentStarts: [...history.recentStarts, timeFromMillis(step.now)].slice(-MAX_RECENT),
    },
  });
  step.status = step.history = true;
  if (step.state.stopping || step.state.want === 'down') {
    step.signal(step.state.settings.downSignal, 'SIGCONT').set({ gotTerm: true });
    if (!step.state.stopping) killLater(step);
  }
}

function startFailed(step: Step, reason: string, finish: boolean): void {
  if (step.state.phase !== 'starting') return;
  step.set({ phase: 'down' });
  if (reason !== step.state.problem) {
    step.emit({ kind: 'warn', text: reason });
    step.set({ problem: reason, history: { ...step.state.history, problem: reason } });
    step.history = true;
  }
  if (finish && startFinish(step, { kind: 'unstarted' }, 0)) return;
  afterDown(step);
}

function exited(step: Step, pid: number, reason: ExitReason, finish: boolean): void {
  if (step.state.phase !== 'up' || pid !== step.state.pid) return;
  const history = step.state.history;
  step.set({
    phase: 'down',
    pid: 0,
    paused: false,
    gotTerm: false,
    killAt: undefined,
    termAt: undefined,
    readyAt: undefined,
    history: {
      ...history,
      lastExit: reason,
      recentExits: [...history.recentExits, { at: timeFromMillis(step.now), reason }].slice(
        -MAX_RECENT,
      ),
    },
  });
  step.status = step.history = true;
  // ./run was in a session of its own: its process group is its pid.
  if (finish && startFinish(step, reason, pid)) return;
  step.set({ since: step.now });
  afterDown(step);
}

/** ./run is down for good or for now: end supervision, start again, or stay down. */
function afterDown(step: Step): void {
  if (step.state.exiting || step.state.stopping) return end(step);
  if (step.state.want === 'up') tryStart(step);
}

/** Run ./finish after `runEnd` if the convention says so; the status says finish meanwhile. */
function startFinish(step: Step, runEnd: RunEnd, pgid: number): boolean {
  if (!runsFinish(step.state.settings.convention, runEnd)) return false;
  step.set({ phase: 'finishing', finishPid: 0 }).emit({ kind: 'spawnFinish', end: runEnd, pgid });
  step.status = true;
  return true;
}

function finishStarted(step: Step, pid: number): void {
  if (step.state.phase !== 'finishing') return;
  const { timeoutFinishMs } = step.state.settings;
  const limits = [timeoutFinishMs > 0 ? step.now + timeoutFinishMs : undefined];
  if (step.state.stopping) limits.push(step.now + (step.state.graceMs ?? 0));
  step.set({ finishPid: pid, finishProblem: undefined, finishKillAt: earliest(limits) });
  step.status = true;
}

function finishExited(step: Step, reason: ExitReason | undefined, problem?: string): void {
  if (step.state.phase !== 'finishing') return;
  if (problem !== undefined && problem !== step.state.finishProblem) {
    step.emit({ kind: 'warn', text: problem }).set({ finishProblem: problem });
  }
  step.set({ phase: 'down', finishPid: 0, finishKillAt: undefined, since: step.now });
  step.status = true;
  // s6: a ./finish exiting 125 means "permanent failure": do not restart (as s6-svc -O).
  const noRestart = reason?.kind === 'exit' && reason.code === S6_NO_RESTART;
  if (noRestart && step.state.settings.convention === 's6') step.set({ want: 'down' });
  afterDown(step);
}

function ready(step: Step, pid: number, how: string): void {
  const { phase, readyAt, since } = step.state;
  if (phase !== 'up' || pid !== step.state.pid || readyAt !== undefined) return;
  step.set({ readyAt: step.now }).emit({ kind: 'ready', pid, how, afterMs: step.now - since });
}

function end(step: Step): void {
  step
    .set({ phase: 'gone', startAt: undefined, termAt: undefined, killAt: undefined })
    .emit({ kind: 'finished' });
}

function earliest(times: (number | undefined)[]): number | undefined {
  const set = times.filter((t): t is number => t !== undefined);
  return set.length > 0 ? Math.min(...set) : undefined;
}

function timer(step: Step): void {
  const { startAt, termAt, killAt, finishKillAt, phase } = step.state;
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
  if (finishKillAt !== undefined && finishKillAt <= step.now) {
    step.set({ finishKillAt: undefined });
    if (phase === 'finishing' && step.state.finishPid !== 0) {
      step.signal('SIGKILL').emit({ kind: 'warn', text: 'finish ran out of time: sent KILL' });
    }
  }
  if (startAt !== undefined && startAt <= step.now) {
    step.set({ startAt: undefined });
    if (step.state.want !== 'down') tryStart(step);
  }
}

/** ./finish runs while the supervisor stops: it gets the grace period, no more. */
function capFinish(step: Step, graceMs: number): void {
  const { finishKillAt, finishPid } = step.state;
  if (finishPid !== 0) step.set({ finishKillAt: earliest([finishKillAt, step.now + graceMs]) });
}

/** A logger whose service is gone: let it read to end of input, TERM it after `graceMs`. */
function drain(step: Step, graceMs: number): void {
  step.set({ stopping: true, want: 'down', startAt: undefined, graceMs }).status = true;
  const { phase } = step.state;
  if (phase === 'down') return end(step);
  if (phase === 'finishing') return capFinish(step, graceMs);
  step.set({ termAt: step.now + graceMs });
}

/** Stop for good: the down-signal then CONT, KILL after the grace (or timeout-kill, if sooner). */
function shutdown(step: Step, graceMs: number): void {
  step.set({ stopping: true, want: 'down', startAt: undefined, graceMs }).status = true;
  const { phase, settings } = step.state;
  if (phase === 'down') return end(step);
  if (phase === 'finishing') return capFinish(step, graceMs);
  const limit = step.now + graceMs;
  const killAt =
    settings.timeoutKillMs > 0 ? Math.min(step.now + settings.timeoutKillMs, limit) : limit;
  if (phase === 'up') {
    step.signal(settings.downSignal, 'SIGCONT').set({ gotTerm: true, paused: false, killAt });
  } else step.set({ killAt: limit });
}

/** timeout-kill: after `d` or `t`, KILL ./run if it still lives then. */
function killLater(step: Step): void {
  const ms = step.state.settings.timeoutKillMs;
  if (ms > 0) step.set({ killAt: earliest([step.state.killAt, step.now + ms]) });
}

/**
 * A control byte, as the one letter table (src/codec/letters.ts) says supervise reads it. While
 * ./finish runs, the signals reach it, as under runsv (the status shows its pid).
 */
function control(step: Step, letter: string): void {
  const facts = letterFacts(letter);
  if (!facts) return;
  const { phase, finishPid, settings } = step.state;
  const running = phase === 'up';
  const reaches = running || (phase === 'finishing' && finishPid !== 0);
  switch (facts.action) {
    case 'want-up':
      step.set({ want: 'up' }).status = true;
      return tryStart(step);
    case 'want-once':
      step.set({ want: 'once' }).status = true;
      return tryStart(step);
    case 'want-down':
      // s6's down-signal takes TERM's place; CONT follows, as ever.
      step.set({ want: 'down', startAt: undefined }).status = true;
      // ./finish is not the daemon: it gets TERM, as runsv sends it.
      if (reaches) step.signal(running ? settings.downSignal : 'SIGTERM', 'SIGCONT');
      if (reaches) step.set({ paused: false });
      if (running) step.set({ gotTerm: true });
      if (running) killLater(step);
      return;
    case 'pause':
      step.set({ paused: true }).status = true;
      if (reaches) step.signal(...facts.signals);
      return;
    case 'continue':
      step.set({ paused: false }).status = true;
      if (reaches) step.signal(...facts.signals);
      return;
    case 'term':
      if (reaches) step.signal(...facts.signals);
      if (running) {
        step.set({ gotTerm: true }).status = true;
        killLater(step);
      }
      return;
    case 'exit':
      step.set({ exiting: true, startAt: undefined }).status = true;
      if (step.state.phase === 'down') end(step);
      return;
    case 'signal':
      if (reaches) step.signal(...facts.signals);
  }
}
