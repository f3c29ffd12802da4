// Exclusive flock(2) locks that daemontools' supervise, runit's runsv and multilog see as held.
//
// Node has no flock(). A lock belongs to the open file description, not to the process that
// took it, so we open the lock file here and let a short-lived `flock -xn 3` (util-linux, in every
// Debian base system) lock that same description, passed to it as fd 3. When it exits the lock
// stays held for as long as this process keeps the fd open, and the kernel drops it when we close
// the fd or die — exactly the semantics of supervise's own lock. Cost: one ~3 ms process per lock
// taken, nothing while held; no native addon to build.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface HeldLock {
  /** The open descriptor that carries the lock; keep it open while the lock is needed. */
  fd: number;
  release(): void;
}

export type LockResult = { ok: true; lock: HeldLock } | { ok: false; code: string };

/** flock(1)'s exit code for "already locked" with -n. */
const ALREADY_LOCKED = 1;

/** Open (create 0600) a lock file as daemontools' open_append does. */
export function openLockFile(path: string): { ok: true; fd: number } | { ok: false; code: string } {
  try {
    // daemontools' open_append: O_WRONLY|O_NONBLOCK|O_APPEND|O_CREAT, mode 0600.
    return { ok: true, fd: openSync(path, 'a', 0o600) };
  } catch (error) {
    return { ok: false, code: (error as NodeJS.ErrnoException).code ?? 'EIO' };
  }
}

/** The lock carried by the open descriptor `fd`, released by closing it. */
export function heldLock(fd: number): HeldLock {
  let open = true;
  return {
    fd,
    release() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

function outcome(fd: number, status: number | null): LockResult {
  if (status === 0) return { ok: true, lock: heldLock(fd) };
  closeSync(fd);
  return { ok: false, code: status === ALREADY_LOCKED ? 'EAGAIN' : 'ENOLCK' };
}

/** Take the lock on `path` without waiting; EAGAIN when someone else holds it. */
export function tryLockSync(path: string): LockResult {
  const opened = openLockFile(path);
  if (!opened.ok) return opened;
  const r = spawnSync('flock', ['-xn', '3'], { stdio: ['ignore', 'ignore', 'ignore', opened.fd] });
  return outcome(opened.fd, r.error ? null : r.status);
}

/** As tryLockSync, without blocking the event loop while flock(1) runs. */
export function tryLock(path: string): Promise<LockResult> {
  const opened = openLockFile(path);
  if (!opened.ok) return Promise.resolve(opened);
  return new Promise((resolve) => {
    const child = spawn('flock', ['-xn', '3'], {
      stdio: ['ignore', 'ignore', 'ignore', opened.fd],
    });
    child.once('error', () => resolve(outcome(opened.fd, null)));
    child.once('exit', (status) => resolve(outcome(opened.fd, status)));
  });
}
