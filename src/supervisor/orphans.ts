// After `svtui scan` (or supervise) was killed with SIGKILL its services keep running. Before a
// new supervisor starts a service afresh it finds the process recorded in supervise/status and
// stops it, so no service ever runs twice — but only once /proc proves that the pid really is
// that service's process: its cwd is the service directory and it started no later than the
// time recorded with it (a recycled pid belongs to a younger process).
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';

/** Linux reports process start times in clock ticks of USER_HZ, which is 100 on every arch. */
const TICKS_PER_SECOND = 100;
/** The boot time in /proc/stat has whole seconds only. */
const SLACK_MS = 1500;

/** When `pid` started, in ms since the epoch, or undefined if it is gone or a zombie. */
export function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    const ticks = Number(fields[19]);
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'latin1'));
    if (!btime?.[1] || !Number.isFinite(ticks)) return undefined;
    return Number(btime[1]) * 1000 + (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The session id of `pid`, or undefined. */
function sessionOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]);
  } catch {
    return undefined;
  }
}

function cwdWithin(pid: number, dir: string): boolean {
  try {
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    const root = realpathSync(dir);
    return cwd === root || cwd.startsWith(`${root}/`);
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is a live process of the service in `dir` recorded as started at `recordedMs`.
 * It must have started by then (a recycled pid belongs to a younger process), and either still
 * work in the directory or below it (multilog moves into its log directory), or lead its own
 * session and have started at the recorded time (a daemon that moved to `/`).
 */
export function isServiceProcess(pid: number, dir: string, recordedMs: number): boolean {
  if (pid <= 1 || pid === process.pid) return false;
  const started = processStartMs(pid);
  if (started === undefined || started > recordedMs + SLACK_MS) return false;
  if (cwdWithin(pid, dir)) return true;
  return sessionOf(pid) === pid && started >= recordedMs - SLACK_MS;
}

/** The supervisors whose children are never orphans: their parent is still looking after them. */
const SUPERVISORS = new Set(['supervise', 'runsv', 's6-supervise']);

/**
 * The live supervisor process `pid` is a child of, if any: such a process is not an orphan,
 * whatever lock its supervisor took (or failed to take) — it must never be stopped as one.
 */
export function parentSupervisor(pid: number): { pid: number; name: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!(ppid > 1)) return undefined;
    const name = readFileSync(`/proc/${ppid}/comm`, 'latin1').trim();
    return SUPERVISORS.has(name) ? { pid: ppid, name } : undefined;
  } catch {
    return undefined;
  }
}

function send(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* gone already */
  }
}

/** TERM then CONT; KILL after `graceMs`; resolves once the process is gone. */
export async function stopOrphan(pid: number, graceMs: number): Promise<void> {
  send(pid, 'SIGTERM');
  send(pid, 'SIGCONT');
  const started = processStartMs(pid);
  const deadline = Date.now() + graceMs;
  let killed = false;
  while (started !== undefined && processStartMs(pid) === started) {
    if (!killed && Date.now() >= deadline) {
      send(pid, 'SIGKILL');
      killed = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
