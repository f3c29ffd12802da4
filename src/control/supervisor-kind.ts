// Who supervises a service directory, and whether it runs — from the locks each supervisor
// takes (observed with strace) and the files it leaves:
//
// | supervisor          | lock on supervise/lock                 | layout                                  |
// | ------------------- | -------------------------------------- | --------------------------------------- |
// | daemontools         | flock(LOCK_EX|LOCK_NB)                 | ok FIFO, 18-byte status                 |
// | runit runsv         | flock(LOCK_EX|LOCK_NB)                 | ok FIFO, 20-byte status, `stat`, `pid`  |
// | svtui scan          | flock + F_OFD_SETLK (record, pid -1)   | ok FIFO, 20-byte status                 |
// | s6-supervise        | fcntl(F_SETLK) (record, its pid)       | no ok; `event/`, `death_tally`, 35 bytes |
//
// "Running" is what the supervisor's own tools check: `supervise/ok` opens for writing (svok) for
// the flock family, a record lock on supervise/lock (s6-svok's F_GETLK) for s6 and svtui. A tree
// root with `.s6-svscan/lock` record-locked is owned by a running s6-svscan.
//
// Record locks are asked of one helper process per call (src/adapters/posix-lock.ts), however
// many directories: probeSupervisorKinds for a scan, probeSupervisorKind for one.
import { readdirSync, statSync } from 'node:fs';
import { errorCode, errorText } from '../codec/errors.js';
import { S6_STATUS_LENGTHS } from '../codec/s6-status.js';
import { recordLocks, recordLocksSync, type RecordLock } from '../adapters/posix-lock.js';
import { okFailure, openOkError } from './probe.js';
import { chdirError, inService } from './service-dir.js';

export type SupervisorKind = 'svtui' | 'daemontools' | 'runit' | 's6' | 'none' | 'unknown';

export interface SupervisorProbe {
  /**
   * Who holds the directory: the running supervisor; `none` when nothing runs; `unknown` when
   * something may run but this user may not look (supervise/ is another user's, mode 0700) —
   * treat it as owned, read-only.
   */
  kind: SupervisorKind;
  running: boolean;
  /** The supervisor's pid, when its lock names it (s6-supervise's record lock). */
  pid?: number;
  /** The layout on disk, whoever made it: s6's (event/, death_tally, 26/35/43-byte status). */
  layout: 's6' | 'daemontools' | 'none';
  /** Not running or unknown: svstat's words (`supervise not running`, `unable to chdir: …`). */
  reason?: string;
  /** The errno code behind `reason` or behind `unknown` (ENXIO, ENOENT, EACCES, …). */
  code?: string;
}

export interface TreeOwner {
  /** `s6` when a running s6-svscan holds `.s6-svscan/lock`. */
  kind: 's6' | 'none' | 'unknown';
  running: boolean;
  pid?: number;
  code?: string;
}

/** One directory, one helper process at most (none when supervise/ok opens: flock family). */
export function probeSupervisorKind(dir: string): SupervisorProbe {
  const pre = prepare(dir);
  if ('done' in pre) return pre.done;
  return finish(dir, pre, recordLocksSync([inService(dir, 'supervise/lock')])[0]);
}

/** Every directory with a single helper process; results in the order given. */
export async function probeSupervisorKinds(dirs: readonly string[]): Promise<SupervisorProbe[]> {
  const pres = dirs.map(prepare);
  const asked = dirs.filter((_, i) => !('done' in (pres[i] ?? {})));
  const locks = await recordLocks(asked.map((d) => inService(d, 'supervise/lock')));
  let next = 0;
  return dirs.map((dir, i) => {
    const pre = pres[i];
    if (!pre) throw new Error('unreachable');
    return 'done' in pre ? pre.done : finish(dir, pre, locks[next++]);
  });
}

/** Whether a running s6-svscan owns the tree `dir` (its `.s6-svscan/lock` is record-locked). */
export function probeTreeOwner(dir: string): TreeOwner {
  const lock = inService(dir, '.s6-svscan/lock');
  try {
    statSync(lock);
  } catch (error) {
    const code = errorCode(error) ?? 'EIO';
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? { kind: 'none', running: false }
      : { kind: 'unknown', running: false, code };
  }
  const answer = recordLocksSync([lock])[0];
  if (answer?.state === 'held') return { kind: 's6', running: true, pid: answer.pid };
  if (answer?.state === 'error' && answer.code !== 'ENOENT')
    return { kind: 'unknown', running: false, code: answer.code };
  return { kind: 'none', running: false };
}

/** One line naming who owns a tree or a service: `s6-svscan (pid 12)`, `daemontools supervise`. */
export function describeOwner(kind: SupervisorKind | 's6-svscan', pid?: number): string {
  const names: Record<string, string> = {
    svtui: 'svtui scan',
    daemontools: 'daemontools supervise',
    runit: 'runit runsv',
    s6: 's6-supervise',
    's6-svscan': 's6-svscan',
    unknown: 'another supervisor',
    none: 'nothing',
  };
  const name = names[kind] ?? kind;
  return pid !== undefined && pid > 0 ? `${name} (pid ${pid})` : name;
}

interface Prepared {
  okCode: string | undefined;
  layout: SupervisorProbe['layout'];
}

function prepare(dir: string): Prepared | { done: SupervisorProbe } {
  const chdir = chdirError(dir);
  if (chdir !== undefined) {
    return {
      done: {
        kind: chdir === 'EACCES' ? 'unknown' : 'none',
        running: false,
        layout: 'none',
        reason: `unable to chdir: ${errorText(chdir)}`,
        code: chdir,
      },
    };
  }
  const layout = layoutOf(dir);
  if (layout === 'none') {
    return {
      done: { kind: 'none', running: false, layout, reason: okFailure('ENOENT'), code: 'ENOENT' },
    };
  }
  return { okCode: openOkError(dir), layout };
}

function finish(dir: string, pre: Prepared, lock: RecordLock | undefined): SupervisorProbe {
  const { okCode, layout } = pre;
  if (lock?.state === 'held') {
    // -1: an open-file-description lock, which only svtui scan takes; else a process's lock.
    return lock.pid === -1
      ? { kind: 'svtui', running: true, layout }
      : { kind: 's6', running: true, pid: lock.pid, layout };
  }
  if (okCode === undefined) return { kind: flockKind(dir), running: true, layout };
  const denied = (c: string | undefined) => c === 'EACCES' || c === 'EPERM';
  if (denied(okCode) || (lock?.state === 'error' && denied(lock.code))) {
    return {
      kind: 'unknown',
      running: false,
      layout,
      reason: okFailure(okCode),
      code: denied(okCode) ? okCode : lock?.state === 'error' ? lock.code : okCode,
    };
  }
  // s6's directory has no ok FIFO: nothing runs on it, as s6-svstat would say.
  const reason =
    layout === 's6' && okCode === 'ENOENT' ? 'supervise not running' : okFailure(okCode);
  return { kind: 'none', running: false, layout, reason, code: okCode };
}

/** A flock holder that took no record lock: runsv leaves `stat`; daemontools writes 18 bytes. */
function flockKind(dir: string): SupervisorKind {
  if (size(inService(dir, 'supervise/stat')) !== undefined) return 'runit';
  if (size(inService(dir, 'supervise/status')) === 18) return 'daemontools';
  return 'svtui';
}

function layoutOf(dir: string): SupervisorProbe['layout'] {
  let names: string[];
  try {
    names = readdirSync(inService(dir, 'supervise'));
  } catch (error) {
    // supervise/ unreadable (another user's, 0700) still says someone made it.
    return errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR' ? 'none' : 'daemontools';
  }
  const status = size(inService(dir, 'supervise/status'));
  const s6 =
    names.includes('death_tally') ||
    (status !== undefined && S6_STATUS_LENGTHS.includes(status)) ||
    (!names.includes('ok') && isDirectory(inService(dir, 'event')));
  return s6 ? 's6' : 'daemontools';
}

function size(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
