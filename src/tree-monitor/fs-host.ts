// The HealthHost of `svtui monitor`: a tree that daemontools' svscan, runit's runsvdir or s6's
// s6-svscan supervises, seen only through the file system, as svc and svstat see it. The names
// are the tree's subdirectories not starting with a dot, read again every 5 s as svscan does;
// each service's supervise/status is read every second (18, 20 or s6's bytes, src/control/),
// and a changed pid is told as a change notice: the health engine then records the exit and the
// start. Only s6 keeps the exit status of the process that died; under daemontools and runit the
// exit is known to have happened, not how. Control letters go to supervise/control as `svc`
// sends them; to s6 a restart is `u` then `r` (s6-svc -r: its down-signal), not TERM.
import { readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { controlWarning, readStatusFile, sendControl } from '../control/index.js';
import type { ExitHow, HealthHost } from '../health/index.js';

/** svscan rescans every 5 seconds. */
export const RESCAN_MS = 5000;
/** How often each service's status is read: a restart is noticed within this. */
export const POLL_MS = 1000;

export interface FsHostOptions {
  dir: string;
  warn: (line: string) => void;
  pollMs?: number;
  rescanMs?: number;
}

interface Seen {
  pid: number;
  lastExit?: ExitHow;
  s6: boolean;
  /** Starts seen since the monitor began (the resource history's restart count). */
  starts: number;
}

export interface FsHost extends HealthHost {
  /** Starts of a service seen so far. */
  starts(name: string): number;
  /** Read the names and every status now (also done by the timers). */
  refresh(): void;
  stop(): void;
}

/** The tree's services now: subdirectories (or links to them) not starting with a dot. */
export function serviceNames(dir: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) names.push(entry.name);
    else if (entry.isSymbolicLink() && isDirectory(join(dir, entry.name))) names.push(entry.name);
  }
  return names.sort();
}

export function fileSystemHost(options: FsHostOptions): FsHost {
  const { dir, warn } = options;
  const listeners = new Set<(name: string) => void>();
  const seen = new Map<string, Seen>();
  let names: string[] = [];
  const rescan = () => {
    try {
      names = serviceNames(dir);
    } catch (error) {
      warn(`unable to read ${dir}: ${(error as Error).message}`);
    }
  };
  const poll = () => {
    for (const name of names) {
      const read = readStatusFile(join(dir, name));
      if (!read.ok) continue;
      const { status, s6 } = read;
      // runit's `finish` state is the run process gone: down, as sv says.
      const pid = status.state === 'run' ? status.pid : 0;
      const before = seen.get(name);
      const now: Seen = { pid, s6: s6 !== undefined, starts: before?.starts ?? 0 };
      if (s6?.signal !== undefined)
        now.lastExit = { kind: 'signal', signal: signalName(s6.signal) };
      else if (s6?.exitCode !== undefined) now.lastExit = { kind: 'exit', code: s6.exitCode };
      if (before && pid !== 0 && pid !== before.pid) now.starts += 1;
      seen.set(name, now);
      if (before?.pid !== pid) for (const listener of listeners) listener(name);
    }
  };
  const refresh = () => {
    rescan();
    poll();
  };
  refresh();
  const rescanTimer = setInterval(rescan, options.rescanMs ?? RESCAN_MS);
  const pollTimer = setInterval(poll, options.pollMs ?? POLL_MS);
  return {
    dir,
    names: () => names,
    process(name) {
      const s = seen.get(name);
      if (!s) return undefined;
      return s.lastExit ? { pid: s.pid, lastExit: s.lastExit } : { pid: s.pid };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    control(name, letters) {
      const serviceDir = join(dir, name);
      const sent = seen.get(name)?.s6 ? letters.replace('t', 'r') : letters;
      const result = sendControl(serviceDir, sent);
      if (!result.ok) warn(controlWarning(serviceDir, result));
    },
    starts: (name) => seen.get(name)?.starts ?? 0,
    refresh,
    stop() {
      clearInterval(rescanTimer);
      clearInterval(pollTimer);
      listeners.clear();
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A signal's name without SIG (`TERM`), as the engine words exits; its number when unknown. */
function signalName(n: number): string {
  for (const [name, value] of Object.entries(constants.signals))
    if (value === n) return name.slice(3);
  return String(n);
}
