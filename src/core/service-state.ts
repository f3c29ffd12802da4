// The service state machine's data: its state, the events it takes, the effects it returns, and
// what its state means on disk (supervise/status) and for the clock (the next deadline). Pure;
// the transitions are in service.ts.
import type { ExitReason, ServiceHistory } from '../codec/history.js';
import { RUNIT_SETTINGS, type RunEnd, type RunSettings } from '../codec/service-files.js';
import type { Signal } from '../codec/signals.js';
import type { ServiceStatus, Want } from '../codec/status.js';
import { timeFromMillis } from '../codec/tai64n.js';

/**
 * down: no process; starting: a start was asked for; up: running; finishing: ./run ended and
 * ./finish runs; gone: supervision ended.
 */
export type Phase = 'down' | 'starting' | 'up' | 'finishing' | 'gone';

export interface ServiceState {
  phase: Phase;
  /** ./run's pid; 0 unless up. */
  pid: number;
  /** ./finish's pid while it runs (0 until it started). */
  finishPid: number;
  want: Want;
  paused: boolean;
  /** TERM was sent and the process has not died yet (runit's byte 18). */
  gotTerm: boolean;
  /** `x` was received: end supervision once down. */
  exiting: boolean;
  /** The supervisor is shutting down: KILL at killAt, then end. */
  stopping: boolean;
  /** The last pid change (start or death), ms; during ./finish still ./run's start, as runsv. */
  since: number;
  lastStartAt?: number;
  /** A throttled start is due at this time. */
  startAt?: number;
  /** Draining a logger: TERM at termAt if it has not exited by itself. */
  termAt?: number;
  /** Grace period after TERM before KILL, set by shutdown or drain. */
  graceMs?: number;
  /** KILL ./run at this time: the shutdown's grace, or timeout-kill after `d` or `t`. */
  killAt?: number;
  /** KILL ./finish at this time: timeout-finish, or the shutdown's grace. */
  finishKillAt?: number;
  /** When ./run said it is ready (notification-fd, ./check), since its last start. */
  readyAt?: number;
  /** How the directory asks to be run, as read before the last start. */
  settings: RunSettings;
  /** Why the last start failed (cleared by a successful start). */
  problem?: string;
  /** Why ./finish last failed to start, said once. */
  finishProblem?: string;
  history: ServiceHistory;
}

export type ServiceEvent =
  | { kind: 'begin'; downFile: boolean }
  | { kind: 'control'; letter: string }
  | { kind: 'settings'; settings: RunSettings }
  | { kind: 'started'; pid: number }
  /** `finish`: ./finish exists (looked for at each death, as runsv and s6-supervise do). */
  | { kind: 'startFailed'; reason: string; finish?: boolean }
  | { kind: 'exited'; pid: number; reason: ExitReason; finish?: boolean }
  | { kind: 'finishStarted'; pid: number }
  /** No `reason`: it could not be started, for the reason in `problem`. */
  | { kind: 'finishExited'; reason?: ExitReason; problem?: string }
  /** ./run said it is ready: `how` names the signal (`notification-fd 3`, `./check`). */
  | { kind: 'ready'; pid: number; how: string }
  | { kind: 'timer' }
  | { kind: 'shutdown'; graceMs: number }
  | { kind: 'drain'; graceMs: number };

export type Effect =
  | { kind: 'spawn' }
  /** Run ./finish; its arguments follow from `end` and ./run's process group `pgid`. */
  | { kind: 'spawnFinish'; end: RunEnd; pgid: number }
  | { kind: 'signal'; pid: number; signal: Signal }
  | { kind: 'writeStatus'; status: ServiceStatus }
  | { kind: 'writeHistory'; history: ServiceHistory }
  | { kind: 'timer'; at: number | undefined }
  | { kind: 'warn'; text: string }
  /** ./run became ready `afterMs` after its start. */
  | { kind: 'ready'; pid: number; how: string; afterMs: number }
  | { kind: 'finished' };

export interface Transition {
  state: ServiceState;
  effects: Effect[];
}

export function initialState(now: number, history?: ServiceHistory): ServiceState {
  return {
    phase: 'down',
    pid: 0,
    finishPid: 0,
    want: 'up',
    paused: false,
    gotTerm: false,
    exiting: false,
    stopping: false,
    since: now,
    settings: RUNIT_SETTINGS,
    history: history ?? { starts: 0, recentStarts: [], recentExits: [] },
  };
}

/**
 * What supervise/status says about `state`. "Once" is stored as runsv stores it, want down
 * (`d`), not as daemontools' 0 byte: the file has runit's 20-byte layout, and `sv -v once`
 * (and `sv status`) only work with `d` — with 0 `sv -v once` waits for a `d` that never comes and
 * times out. The cost: the real svstat adds `, want down` to a once service while it runs, as it
 * does against runsv; it is what will happen when it exits. While ./finish runs, the pid is
 * finish's and byte 19 says finish, as runsv writes it (and s6-supervise records finish's pid).
 */
export function statusOf(state: ServiceState): ServiceStatus {
  const finishing = state.phase === 'finishing';
  const pid = finishing ? state.finishPid : state.pid;
  return {
    since: timeFromMillis(state.since),
    pid,
    paused: state.paused && pid !== 0,
    want: state.want === 'once' ? 'down' : state.want,
    gotTerm: state.gotTerm && state.pid !== 0,
    state: finishing ? 'finish' : state.pid !== 0 ? 'run' : 'down',
  };
}

/** The next deadline the runtime must wake this service for, if any. */
export function deadlineOf(state: ServiceState): number | undefined {
  const times = [state.startAt, state.termAt, state.killAt, state.finishKillAt].filter(
    (t): t is number => t !== undefined,
  );
  return times.length > 0 ? Math.min(...times) : undefined;
}
