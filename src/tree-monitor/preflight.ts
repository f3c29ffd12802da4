// What `svtui monitor DIR` makes sure of before it watches anything, each refusal one line naming
// the directory: DIR is a directory; `svtui scan` does not run it (its own engine already does
// this job: two would restart every failing service twice); this user may write in DIR/.svtui and
// in every service's supervise/ (events, state and resources go there — a monitor started as
// another user than the supervisor's would fail at every write); and no other monitor runs on it:
// DIR/.svtui/monitor.lock is held with flock(2) for the monitor's life (the kernel drops it when
// the process dies), with the holder's pid written inside for the next one's refusal.
import { accessSync, constants, ftruncateSync, mkdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, errorText } from '../codec/errors.js';
import { tryLock, type HeldLock } from '../adapters/lock.js';
import {
  chdirError,
  describeOwner,
  probeSupervisorKinds,
  probeTreeOwner,
  type SupervisorProbe,
} from '../control/index.js';
import { serviceNames } from './fs-host.js';
import { LOCK_FILE } from './watching.js';

export { LOCK_FILE };

export type Preflight =
  { ok: true; lock: HeldLock; supervisor: string | undefined } | { ok: false; line: string };

export async function preflight(dir: string): Promise<Preflight> {
  const chdir = chdirError(dir);
  if (chdir !== undefined)
    return { ok: false, line: `unable to chdir to ${dir}: ${errorText(chdir)}` };
  const names = serviceNames(dir);
  const kinds = await probeSupervisorKinds(names.map((n) => join(dir, n)));
  if (kinds.some((k) => k.kind === 'svtui')) {
    return {
      ok: false,
      line: `svtui scan supervises ${dir} and runs its monitor files itself: svtui monitor is for trees svscan, runsvdir or s6-svscan supervise`,
    };
  }
  const settings = join(dir, '.svtui');
  try {
    mkdirSync(settings, { recursive: true });
    accessSync(settings, constants.W_OK);
  } catch (error) {
    return { ok: false, line: `unable to write in ${settings}: ${describeError(error)}` };
  }
  for (const name of names) {
    const supervise = join(dir, name, 'supervise');
    const denied = writeDenied(supervise);
    if (denied) {
      return {
        ok: false,
        line: `unable to write in ${supervise}: ${denied} (run svtui monitor as the user that supervises ${dir})`,
      };
    }
  }
  const path = join(settings, LOCK_FILE);
  const locked = await tryLock(path);
  if (!locked.ok) {
    if (locked.code !== 'EAGAIN') {
      return { ok: false, line: `unable to lock ${path}: ${errorText(locked.code)}` };
    }
    const pid = readPid(path);
    return {
      ok: false,
      line: `another svtui monitor${pid ? ` (pid ${pid})` : ''} watches ${dir}: ${path} is locked`,
    };
  }
  ftruncateSync(locked.lock.fd, 0);
  writeSync(locked.lock.fd, `${process.pid}\n`);
  return { ok: true, lock: locked.lock, supervisor: supervisorOf(dir, kinds) };
}

/** Why this user may not write in a supervise/ directory; undefined when it may or it is absent. */
function writeDenied(supervise: string): string | undefined {
  try {
    accessSync(supervise, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : describeError(error);
  }
}

/** Who supervises the tree, in words, or undefined when nothing does yet. */
function supervisorOf(dir: string, kinds: SupervisorProbe[]): string | undefined {
  const owner = probeTreeOwner(dir);
  if (owner.running) return describeOwner('s6-svscan', owner.pid);
  const running = kinds.find((k) => k.running);
  return running && describeOwner(running.kind, running.pid);
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
