// What `svtui status` says of one service: a plain value built from what was read (the status
// file's observation, resource figures, the health engine's saved state, the events), and the
// one rule that decides the exit status. Pure: the clock comes in.
import { isInProcessPid } from '../codec/inprocess-pid.js';
import type { Want } from '../codec/status.js';
import type { Observation } from '../source/port.js';

export type StateName = 'up' | 'down' | 'finishing' | 'paused' | 'unsupervised' | 'unknown';

export interface CheckReport {
  /** The rule in words: `port localhost:8080 http /`, `program "./check"`, `cpu > 90%`. */
  check: string;
  kind: 'port' | 'program' | 'resource' | 'uptime' | 'restarts';
  line: number;
  column: number;
  /** The rule's state: failed once its `for N cycles` was met; pending before any verdict. */
  state: 'ok' | 'failed' | 'pending';
  /** The last cycle's verdict; null before one (and for a restart limit, which has none). */
  last: 'ok' | 'failed' | null;
  /** The last probe time recorded in the events (port and program checks), seconds. */
  responseSeconds: number | null;
  /** When that probe's event was written (ISO 8601, UTC). */
  respondedAt: string | null;
  /** When the engine last saved this state: its last cycle (ISO 8601, UTC). */
  checkedAt: string | null;
}

/** The figures of a service's processes (its session, or its descendants under supervise). */
export interface ResourceFigures {
  cpuPercent: number | null;
  memoryBytes: number;
  children: number;
  threads: number;
  /** `history`: the supervisor's last sample in supervise/svtui-resources; `proc`: read now. */
  from: 'history' | 'proc';
}

export interface ServiceReport {
  name: string;
  dir: string;
  supervised: boolean;
  state: StateName;
  want: Want | null;
  normallyUp: boolean;
  /** The main process; null while down, and for a logger running inside svtui scan. */
  pid: number | null;
  /** The log service runs inside svtui scan: no process of its own. */
  inProcess: boolean;
  /** In the current state (up or down), as svstat counts it. */
  seconds: number | null;
  uptimeSeconds: number | null;
  /** s6 with a notification-fd: the daemon said it is ready; null where nobody tracks it. */
  ready: boolean | null;
  resources: ResourceFigures | null;
  restarts: number | null;
  restartsFrom: 'history' | 'events' | null;
  lastExit: string | null;
  /** Why the status could not be read, or why the supervisor cannot start it. */
  problem: string | null;
  checks: CheckReport[];
  /** Supervised, its state what the supervisor wants, not paused, no failed check. */
  asWanted: boolean;
}

export interface Gathered {
  name: string;
  dir: string;
  observation: Observation;
  resources: ResourceFigures | null;
  checks: CheckReport[];
  /** Exits recorded in the service's event files, when it has any. */
  exitEvents: number | null;
}

export function stateOf(o: Observation): StateName {
  if (!o.supervised) return o.noAccess && o.status ? stateOfStatus(o) : 'unsupervised';
  if (!o.status) return 'unknown';
  return stateOfStatus(o);
}

function stateOfStatus(o: Observation): StateName {
  const s = o.status!;
  if (s.pid === 0) return 'down';
  if (s.state === 'finish') return 'finishing';
  return s.paused ? 'paused' : 'up';
}

export function buildReport(g: Gathered, nowMs: number): ServiceReport {
  const o = g.observation;
  const s = o.status;
  const state = stateOf(o);
  const running = state === 'up' || state === 'paused';
  const inProcess = s !== undefined && isInProcessPid(s.pid);
  const seconds =
    o.sinceMs === undefined || !s ? null : Math.max(0, Math.floor((nowMs - o.sinceMs) / 1000));
  const history = o.history;
  const restarts = history
    ? Math.max(0, history.starts - 1)
    : g.exitEvents === null
      ? null
      : g.exitEvents;
  const report: ServiceReport = {
    name: g.name,
    dir: g.dir,
    supervised: o.supervised,
    state,
    want: s?.want ?? null,
    normallyUp: o.normallyUp,
    pid: s && s.pid !== 0 && !inProcess ? s.pid : null,
    inProcess,
    seconds,
    uptimeSeconds: running ? seconds : null,
    ready: o.ready ?? null,
    resources: running && !inProcess ? g.resources : null,
    restarts,
    restartsFrom: history ? 'history' : restarts === null ? null : 'events',
    lastExit: history?.lastExit ?? o.lastExit ?? null,
    problem: o.problem?.text ?? history?.problem ?? null,
    checks: g.checks,
    asWanted: false,
  };
  report.asWanted = asWanted(report);
  return report;
}

/**
 * The exit status's rule: a service is as wanted when a supervisor runs it, its status was read,
 * it is up when wanted up (not paused, not finishing) or down when wanted down (once: either),
 * and none of its checks has failed.
 */
export function asWanted(r: ServiceReport): boolean {
  if (!r.supervised || r.want === null || r.state === 'unknown') return false;
  if (r.checks.some((c) => c.state === 'failed')) return false;
  if (r.want === 'once') return r.state !== 'paused';
  if (r.want === 'up') return r.state === 'up';
  return r.state === 'down';
}
