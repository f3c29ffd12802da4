// One `supervise/` directory, laid out as daemontools' supervise makes it (spec §2.1): the
// directory 0700, `lock` 0600 held with flock(LOCK_EX), the `control` and `ok` FIFOs 0600,
// `status` written to status.new and renamed; plus `svtui-history`, which the real tools ignore,
// rewritten in place (see inPlaceFile).
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
} from 'node:fs';
import { Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { describeError, errorCode, errorText } from '../codec/errors.js';
import { formatHistory, parseHistory, type ServiceHistory } from '../codec/history.js';
import { packStatus, unpackStatus, type ServiceStatus } from '../codec/status.js';
import { tryLock, type HeldLock, type LockResult } from '../adapters/lock.js';
import { inPlaceFile, makeFifos, openFifoReader, openFifoReadWrite, writeAtomic } from './files.js';

export interface SuperviseDir {
  /** The status the previous supervisor left, if any (to find a process it left running). */
  previous?: ServiceStatus;
  previousHistory?: ServiceHistory;
  writeStatus(status: ServiceStatus): void;
  writeHistory(history: ServiceHistory): void;
  /** Create `ok` and open it: from now on svok and svstat see the service as supervised. */
  announce(): void;
  /** Deliver each byte written to `control`. */
  onControl(listener: (letter: string) => void): void;
  close(): void;
}

export type OpenResult = { ok: true; dir: SuperviseDir } | { ok: false; message: string };

/**
 * Take `LABEL/supervise/` over: `locate()` says where the service directory is now (a rename in
 * the tree moves it; supervise, which chdir()s, would follow), `label` names it in messages.
 */
export async function openSuperviseDir(
  locate: () => string,
  label: string,
  lock: (path: string) => Promise<LockResult> = tryLock,
): Promise<OpenResult> {
  // supervise chdir()s first: a `log` that is a regular file fails here, every scan, until it is
  // replaced by a directory.
  try {
    if (!statSync(locate()).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (error) {
    return { ok: false, message: `unable to chdir to ${label}: ${describeError(error)}` };
  }
  const dir = join(locate(), 'supervise');
  const fail = (what: string, file: string, code: string | undefined): OpenResult => ({
    ok: false,
    message: `unable to ${what} ${label}/supervise/${file}: ${errorText(code)}`,
  });
  makeSupervise(dir);
  const locked = await lock(join(dir, 'lock'));
  if (!locked.ok) return fail('acquire', 'lock', locked.code);
  const held = locked.lock;
  const fifoError = makeFifos([join(dir, 'control'), join(dir, 'ok')]);
  if (fifoError) {
    held.release();
    return fail('create', 'control', fifoError);
  }
  let controlFd: number;
  try {
    controlFd = openFifoReadWrite(join(dir, 'control'));
  } catch (error) {
    held.release();
    return fail('read', 'control', (error as NodeJS.ErrnoException).code);
  }
  return { ok: true, dir: superviseDir(() => join(locate(), 'supervise'), held, controlFd) };
}

/**
 * mkdir `supervise` 0700, errors ignored (an existing directory is the usual case) — and, as
 * Debian's supervise does, when `supervise` is a dangling symlink, make the directory it names.
 */
export function makeSupervise(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') return;
    try {
      if (!lstatSync(dir).isSymbolicLink() || existsSync(dir)) return;
      mkdirSync(resolve(dirname(dir), readlinkSync(dir)), { mode: 0o700 });
    } catch {
      /* the open of supervise/lock reports why it cannot be used */
    }
  }
}

function readPrevious(dir: string): { status?: ServiceStatus; history?: ServiceHistory } {
  const out: { status?: ServiceStatus; history?: ServiceHistory } = {};
  try {
    const decoded = unpackStatus(readFileSync(join(dir, 'status')));
    if (decoded.ok) out.status = decoded.status;
  } catch {
    /* no status yet */
  }
  try {
    out.history = parseHistory(readFileSync(join(dir, 'svtui-history'), 'utf8'));
  } catch {
    /* no history yet */
  }
  return out;
}

function superviseDir(where: () => string, lock: HeldLock, controlFd: number): SuperviseDir {
  const previous = readPrevious(where());
  const control = new Socket({ fd: controlFd, readable: true, writable: false });
  const historyFile = inPlaceFile(() => join(where(), 'svtui-history'));
  let okFd: number | undefined;
  let closed = false;
  control.on('error', () => {
    /* a FIFO read error cannot happen while we hold both ends; never crash on it */
  });
  return {
    previous: previous.status,
    previousHistory: previous.history,
    writeStatus(status) {
      if (!closed) writeAtomic(join(where(), 'status'), packStatus(status));
    },
    writeHistory(history) {
      if (!closed) historyFile.write(formatHistory(history));
    },
    announce() {
      const ok = join(where(), 'ok');
      if (okFd === undefined && !makeFifos([ok])) okFd = openFifoReader(ok);
    },
    onControl(listener) {
      control.on('data', (chunk: Buffer) => {
        for (const byte of chunk) listener(String.fromCharCode(byte));
      });
    },
    close() {
      if (closed) return;
      closed = true;
      control.destroy();
      historyFile.close();
      if (okFd !== undefined) closeSync(okFd);
      lock.release();
    },
  };
}
