// supervise/lock for many services at once. The lock is flock(LOCK_EX|LOCK_NB) on our own open
// file description, taken by a helper that inherits the descriptor and exits — the lock stays
// with the description, held as long as this process keeps it open (src/adapters/lock.ts does
// this with flock(1), one process per lock). At start-up with 500 services one process per lock
// is 500 spawns, each a fork of this process: here every request made in the same tick is
// passed to one `perl` (in every Debian base system: perl-base), up to BATCH descriptors at a
// time. Without perl it falls back to the one-by-one adapter.
import { spawn } from 'node:child_process';
import { closeSync } from 'node:fs';
import { heldLock, openLockFile, tryLock, type LockResult } from '../adapters/lock.js';

const BATCH = 250;
/** For each descriptor number given: 0 locked, 1 held by another, 2 another error. 6 = LOCK_EX|LOCK_NB. */
const SCRIPT =
  'for my $fd (@ARGV) { if (open(my $fh, ">>&=", $fd)) { print flock($fh, 6) ? "0" : $!{EWOULDBLOCK} ? "1" : "2" } else { print "2" } }';

interface Request {
  path: string;
  fd: number;
  resolve: (result: LockResult) => void;
}

function settle(request: Request, answer: string | undefined): void {
  if (answer === '0') return request.resolve({ ok: true, lock: heldLock(request.fd) });
  closeSync(request.fd);
  request.resolve({ ok: false, code: answer === '1' ? 'EAGAIN' : 'ENOLCK' });
}

function runBatch(requests: Request[]): void {
  const stdio = ['ignore', 'pipe', 'ignore', ...requests.map((r) => r.fd)] as const;
  const args = requests.map((_, i) => String(i + 3));
  const child = spawn('perl', ['-e', SCRIPT, ...args], { stdio: [...stdio] });
  let out = '';
  let failed = false;
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('latin1')));
  child.once('error', () => {
    failed = true;
    // No perl: one flock(1) per lock instead.
    for (const r of requests) {
      closeSync(r.fd);
      void tryLock(r.path).then(r.resolve);
    }
  });
  child.once('close', () => {
    if (failed) return; // the error handler took over
    requests.forEach((r, i) => settle(r, out[i]));
  });
}

/** A lock function whose calls made in the same tick share one helper process. */
export function lockBatcher(): (path: string) => Promise<LockResult> {
  let queue: Request[] = [];
  const flush = () => {
    const requests = queue;
    queue = [];
    for (let i = 0; i < requests.length; i += BATCH) runBatch(requests.slice(i, i + BATCH));
  };
  return (path) =>
    new Promise<LockResult>((resolve) => {
      const opened = openLockFile(path);
      if (!opened.ok) return resolve(opened);
      const fd = opened.fd;
      if (queue.length === 0) setImmediate(flush);
      queue.push({ path, fd, resolve });
    });
}
