// The service tree on disk: which services it has (svscan's rule: every subdirectory not starting
// with a dot) and one observation of a service directory, with typed problems.
import { existsSync, readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { constants as os } from 'node:os';
import { join } from 'node:path';
import { describeError, errorText } from '../../codec/errors.js';
import { formatExitReason, parseHistory, type ServiceHistory } from '../../codec/history.js';
import type { ServiceStatus } from '../../codec/status.js';
import { openOkError } from '../../control/probe.js';
import { sendControl } from '../../control/send.js';
import { readStatusBytes } from '../../control/status-file.js';
import { unpackStatus } from '../../codec/status.js';
import type {
  HistoryFacts,
  LogServiceFacts,
  Observation,
  ServiceFacts,
  StatusProblem,
} from '../port.js';

export interface DirEntry {
  name: string;
  dir: string;
  /**
   * The directory left the tree while its service ran: svscan and svtui scan keep supervising
   * it, so the console keeps it, reached through the running process (`/proc/PID/cwd`).
   */
  removed?: boolean;
}

/** The services of `root`, sorted by name. Throws a one-line Error naming the directory. */
export function listServiceDirs(root: string): DirEntry[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch (error) {
    throw new Error(`unable to read ${root}: ${describeError(error)}`, { cause: error });
  }
  const out: DirEntry[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const dir = join(root, e.name);
    if (e.isDirectory() || (e.isSymbolicLink() && isDirectory(dir)))
      out.push({ name: e.name, dir });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a supervisor holds `dir/supervise/ok` open for reading (svok's test). */
export function isSupervised(dir: string): boolean {
  return openOkError(dir) === undefined;
}

/** A service and, when it has one, its log service. */
export function readFacts(dir: string, hasLog: boolean): ServiceFacts {
  const observation = observeService(dir);
  if (!hasLog) return { observation };
  const logObservation = observeService(join(dir, 'log'));
  return { observation, log: logFacts(logObservation), logObservation };
}

function logFacts(o: Observation): LogServiceFacts {
  const pid = o.status?.pid ?? 0;
  return {
    supervised: o.supervised,
    ...(o.noAccess ? { noAccess: true } : {}),
    up: pid !== 0,
    pid,
  };
}

/** One reading of a service directory, worded as svstat words its failures. */
export function observeService(dir: string): Observation {
  const normallyUp = !existsSync(join(dir, 'down'));
  let okCode = openOkError(dir);
  // s6-supervise makes no supervise/ok; it holds supervise/control open while it runs.
  if (okCode === 'ENOENT') {
    const control = sendControl(dir, '');
    okCode = control.ok ? undefined : control.code === 'ENXIO' ? 'ENXIO' : 'ENOENT';
  }
  const supervised = okCode === undefined;
  const access = okCode === 'EACCES' || okCode === 'EPERM' ? { noAccess: true } : {};
  const read = readStatusBytes(dir, 64);
  if (!read.ok) {
    const problem: StatusProblem = {
      code: read.code,
      stage: read.stage,
      text: `unable to ${read.stage} supervise/status: ${errorText(read.code)}`,
    };
    return { supervised, ...access, normallyUp, problem };
  }
  const decoded = unpackStatus(read.bytes);
  if (!decoded.ok) {
    const problem: StatusProblem = {
      code: 'bad-format',
      stage: 'format',
      text: 'unable to read supervise/status: bad format',
    };
    return { supervised, ...access, normallyUp, problem };
  }
  const since = decoded.status.since;
  const sinceMs = Number(since.seconds) * 1000 + Math.floor(since.nanoseconds / 1e6);
  const history = decoded.s6 ? undefined : readHistory(dir, decoded.status);
  const s6 = decoded.s6;
  return {
    supervised,
    ...access,
    normallyUp,
    status: decoded.status,
    sinceMs,
    ...(history ? { history } : {}),
    ...(s6
      ? {
          supervisor: 's6' as const,
          // Readiness means something only for a daemon that notifies it (notification-fd);
          // s6 leaves the others "up", never "ready", and so does s6-svstat.
          ...(existsSync(join(dir, 'notification-fd')) ? { ready: s6.ready } : {}),
          ...(s6.exitCode !== undefined ? { lastExit: `exit ${s6.exitCode}` } : {}),
          ...(s6.signal !== undefined ? { lastExit: `signal ${signalName(s6.signal)}` } : {}),
        }
      : {}),
  };
}

/**
 * svtui's restart record, when the supervisor is svtui (daemontools and runit keep none). A record
 * an earlier `svtui scan` left behind is ignored once another supervisor (svscan, runsvdir) owns
 * the directory: it is trusted only while it describes the process in `status`.
 */
function readHistory(dir: string, status: ServiceStatus): HistoryFacts | undefined {
  const path = join(dir, 'supervise/svtui-history');
  // Rewritten in place: a read caught half-way is refused by the codec, and read once more.
  let history: ServiceHistory | undefined;
  for (let tries = 0; tries < 2 && !history; tries++) {
    try {
      history = parseHistory(readFileSync(path, 'utf8'));
    } catch {
      return undefined;
    }
  }
  if (!history || !describesCurrent(dir, history, status)) return undefined;
  const last = history.recentExits.at(-1);
  return {
    starts: history.starts,
    ...(history.lastExit ? { lastExit: formatExitReason(history.lastExit) } : {}),
    ...(last ? { lastExitMs: Number(last.at.seconds) * 1000 } : {}),
    recentExitsMs: history.recentExits.map((e) => Number(e.at.seconds) * 1000),
    ...(history.problem ? { problem: history.problem } : {}),
  };
}

/**
 * Whether `history` was written by the supervisor that wrote `status`. svtui stamps a start (or a
 * death) in both files with the same instant, so the status's `since` equals the last start while
 * up and the last exit while down; failing that (a start that failed, a service never started),
 * svtui writes the history after the status, so it is not older. Another supervisor rewrites the
 * status with its own times and leaves the history behind, older.
 */
export function describesCurrent(
  dir: string,
  history: ServiceHistory,
  status: ServiceStatus,
): boolean {
  const mark = status.pid !== 0 ? history.recentStarts.at(-1) : history.recentExits.at(-1)?.at;
  if (
    mark &&
    mark.seconds === status.since.seconds &&
    mark.nanoseconds === status.since.nanoseconds
  )
    return true;
  try {
    const historyMs = statSync(join(dir, 'supervise/svtui-history')).mtimeMs;
    const statusMs = statSync(join(dir, 'supervise/status')).mtimeMs;
    return historyMs >= statusMs;
  } catch {
    return false;
  }
}

/** SIGTERM's name from its number, as the table words exits (`signal TERM`). */
function signalName(n: number): string {
  for (const [name, value] of Object.entries(os.signals)) if (value === n) return name.slice(3);
  return String(n);
}
