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

/** Whether `pid` is a live process running in `dir` that started by `recordedMs`. */
export function isServiceProcess(pid: number, dir: string, recordedMs: number): boolean {
  if (pid <= 1 || pid === process.pid) return false;
  try {
    if (readlinkSync(`/proc/${pid}/cwd`) !== realpathSync(dir)) return false;
  } catch {
    return false;
  }
  const started = processStartMs(pid);
  return started !== undefined && started <= recordedMs + SLACK_MS;
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
