// What the console knows about one service: a pure value folded from the source's readings
// (status file, down file, ok FIFO, svtui's restart record) and what the console saw change.
import type {
  AlertFacts,
  HealthFacts,
  LogServiceFacts,
  Observation,
  ResourceFacts,
  ServiceId,
} from '../source/port.js';

export type { AlertFacts, HealthFacts, LogServiceFacts, Observation, ResourceFacts, ServiceId };

export interface ServiceRow {
  id: ServiceId;
  name: string;
  /** Its directory left the tree; its supervisor still runs it (svscan's way). */
  removed?: boolean;
  observation?: Observation;
  log?: LogServiceFacts;
  /** Restarts: from the history when known, else counted from observed pid changes. */
  restarts: number;
  /**
   * Where `restarts` comes from: `record` — the supervisor's own count (svtui scan keeps one);
   * `seen` — counted by this console since it started (daemontools, runit and s6 keep none), so
   * only a lower bound.
   */
  restartsFrom?: 'record' | 'seen';
  /** When the recent restarts happened (ms, oldest first, at most RECENT): crash loops. */
  restartTimesMs?: readonly number[];
  /** Since when the supervisor wants it down while it still runs: a service ignoring TERM. */
  stoppingSinceMs?: number;
  /** The last exit: from the history, else "seen down" when observed. */
  lastExit?: string;
  /** When the console last saw the state change (pid or up/down), for the freshness colour. */
  changedMs?: number;
  /** CPU and memory of its processes from the last sweep (absent while down). */
  resources?: ResourceFacts;
  /** A resource sweep has looked at it (until then its CPU and MEM are not in yet). */
  measured?: true;
  /** What its monitor rules say (absent until the source has looked). */
  health?: HealthFacts;
}

export type StateWord =
  | 'up'
  | 'not ready'
  | 'down'
  | 'paused'
  | 'finish'
  | 'unsupervised'
  | 'unknown'
  | 'error'
  | 'no access';

/** The one word the table shows in the state column. */
export function stateWord(row: ServiceRow): StateWord {
  const o = row.observation;
  if (!o) return 'unknown';
  // Another user's tree: not an error, just not ours to look into (unless the status is readable).
  if (o.noAccess && !o.status) return 'no access';
  if (o.problem) return o.supervised || isDenied(o.problem.code) ? 'error' : 'unsupervised';
  if (!o.supervised && !o.noAccess) return 'unsupervised';
  const s = o.status;
  if (!s) return 'unknown';
  if (s.pid === 0) return 'down';
  if (s.state === 'finish') return 'finish';
  if (s.paused) return 'paused';
  // s6 tracks readiness: up but not yet ready (notification-fd) is not the same as ready.
  return o.ready === false ? 'not ready' : 'up';
}

/** What the supervisor wants, as svstat words it relative to the normal state. */
export function wantWord(row: ServiceRow): string {
  const s = row.observation?.status;
  if (!s) return '';
  if (s.want === 'once') return 'once';
  return s.want;
}

/** Fold a fresh observation into a row: count restarts when no history is kept. */
export function observe(row: ServiceRow, next: Observation, nowMs: number): ServiceRow {
  const before = row.observation?.status;
  const after = next.status;
  let restarts = row.restarts;
  let lastExit = row.lastExit;
  let changedMs = row.changedMs;
  let times = row.restartTimesMs ?? [];
  const pidBefore = before?.pid ?? 0;
  const pidAfter = after?.pid ?? 0;
  if (row.observation && pidBefore !== pidAfter) {
    changedMs = nowMs;
    // A new pid right after another, or after a death while it was wanted up: a restart we saw.
    // Bringing a service up that was down on purpose (u) is not a restart.
    const restarted =
      pidAfter !== 0 && (pidBefore !== 0 || (before !== undefined && before.want !== 'down'));
    if (restarted) {
      restarts += 1;
      times = [...times, nowMs].slice(-RECENT);
    }
    if (pidBefore !== 0) lastExit = 'seen exit';
  }
  if (!row.observation) changedMs = next.sinceMs ?? nowMs;
  let restartsFrom: ServiceRow['restartsFrom'] = row.restartsFrom ?? 'seen';
  if (next.history) {
    restarts = Math.max(0, next.history.starts - 1);
    restartsFrom = 'record';
    lastExit = next.history.lastExit ?? lastExit;
    if (next.history.recentExitsMs) times = next.history.recentExitsMs.slice(-RECENT);
  }
  if (next.lastExit) lastExit = next.lastExit;
  const stopping = after !== undefined && after.pid !== 0 && after.want === 'down';
  const stoppingSinceMs = stopping ? (row.stoppingSinceMs ?? nowMs) : undefined;
  const { stoppingSinceMs: _was, ...kept } = row;
  return {
    ...kept,
    observation: next,
    restarts,
    restartsFrom,
    lastExit,
    changedMs,
    ...(times.length > 0 ? { restartTimesMs: times } : {}),
    ...(stoppingSinceMs !== undefined ? { stoppingSinceMs } : {}),
  };
}

/** Restart times kept per row. */
export const RECENT = 10;

export function isDenied(code: string | undefined): boolean {
  return code === 'EACCES' || code === 'EPERM';
}

/** No supervise/status at all: no supervisor ever ran the service here. */
export function neverRan(o: Observation | undefined): boolean {
  return o?.problem?.stage === 'open' && o.problem.code === 'ENOENT';
}
