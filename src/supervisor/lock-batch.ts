// supervise/lock for many services at once. The lock is flock(LOCK_EX|LOCK_NB) on our own open
// file description, taken by a helper that inherits the descriptor and exits — the lock stays
// with the description, held as long as this process keeps it open (src/adapters/lock.ts does
// this with flock(1), one process per lock). At start-up with 500 services one process per lock
// is 500 spawns, each a fork of this process: here every request made in the same tick is
// passed to one `perl` (in every Debian base system: perl-base), up to BATCH descriptors at a
// time. Without perl it falls back to the one-by-one adapter.
//
// s6-supervise locks supervise/lock with fcntl(F_SETLK), which flock(2) does not see. So once
// the flock is ours the helper also takes an open-file-description record lock (F_OFD_SETLK,
// Linux ≥ 3.15) on the same description: it fails while s6-supervise holds its lock — the
// service is held, as under supervise — and while we hold it s6-supervise and s6-svok see the
// file as locked (an s6-supervise started on our tree exits at once). A kernel without OFD
// locks only asks F_GETLK. struct flock as on 64-bit Linux (src/adapters/posix-lock.ts).
import { spawn } from 'node:child_process';
import { closeSync } from 'node:fs';
import { heldLock, openLockFile, tryLock, type LockResult } from '../adapters/lock.js';

const BATCH = 250;
/**
 * For each descriptor number given: 0 locked, 1 held by another, 2 another error.
 * flock: 6 = LOCK_EX|LOCK_NB, 8 = LOCK_UN; fcntl: 37 = F_OFD_SETLK, 5 = F_GETLK; l_type 1 =
 * F_WRLCK, 2 = F_UNLCK.
 */
const SCRIPT = `
sub wrlck { pack('s s x4 q q l x4', 1, 0, 0, 0, 0) }
sub record {
  my ($fh) = @_;
  my $s = wrlck();
  return 1 if fcntl($fh, 37, $s);
  return 0 if $!{EAGAIN} || $!{EACCES};
  my $q = wrlck();
  return 1 unless fcntl($fh, 5, $q);
  return (unpack('s', $q))[0] == 2;
}
for my $fd (@ARGV) {
  if (open(my $fh, '>>&=', $fd)) {
    if (!flock($fh, 6)) { print $!{EWOULDBLOCK} ? '1' : '2' }
    elsif (record($fh)) { print '0' }
    else { flock($fh, 8); print '1' }
  } else { print '2' }
}`;

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
