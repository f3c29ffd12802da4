// Who holds a POSIX record lock (fcntl F_SETLK) on a file: the lock s6-supervise takes on
// supervise/lock and s6-svscan on .s6-svscan/lock (observed with strace: `fcntl(3, F_SETLK,
// {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0})`). flock(2) — daemontools, runit,
// multilog, svtui — and fcntl locks do not see each other on Linux, so a flock taken on s6's lock
// file succeeds: that is how a tree s6 owned was once taken over.
//
// Node has no fcntl() and flock(1) cannot ask about record locks, so one `perl` (perl-base, in
// every Debian system) answers F_GETLK for every path given, as s6-svok and s6-svstat ask it:
// open read-only, F_GETLK for a whole-file write lock. Paths go in on stdin, NUL-separated, so
// a tree of any size costs one process. struct flock is laid out as on 64-bit Linux (x86_64,
// aarch64: two shorts, 4 bytes of padding, two 64-bit offsets, the pid); elsewhere the helper
// answers "unknown" rather than guess.
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';

/**
 * `free`: nobody holds a lock; `held`: a process does — `pid` is its pid for a classic POSIX
 * lock (s6), or -1 for an open-file-description lock (F_OFD_SETLK, what svtui scan takes beside
 * its flock); `error`: the file could not be asked (`code`: ENOENT, EACCES, ...).
 */
export type RecordLock =
  { state: 'free' } | { state: 'held'; pid: number } | { state: 'error'; code: string };

const SCRIPT = `
use Config;
$/ = "\\0";
while (my $p = <STDIN>) {
  chomp $p;
  if ($Config{ivsize} != 8 || $^O ne 'linux') { print "E0\\n"; next }
  if (sysopen(my $fh, $p, 04000)) {
    my $s = pack('s s x4 q q l x4', 1, 0, 0, 0, 0);
    if (fcntl($fh, 5, $s)) {
      my ($t, $w, $a, $b, $pid) = unpack('s s x4 q q l x4', $s);
      print $t == 2 ? "F\\n" : "H$pid\\n";
    } else { print 'E', $! + 0, "\\n" }
    close $fh;
  } else { print 'E', $! + 0, "\\n" }
}`;

const errnoNames = new Map<number, string>(
  Object.entries(constants.errno).map(([name, value]) => [value, name]),
);

function parse(out: string, count: number): RecordLock[] {
  const lines = out.split('\n');
  const answers: RecordLock[] = [];
  for (let i = 0; i < count; i++) {
    const line = lines[i] ?? '';
    if (line === 'F') answers.push({ state: 'free' });
    else if (line.startsWith('H')) answers.push({ state: 'held', pid: Number(line.slice(1)) });
    else {
      const errno = Number(line.slice(1));
      answers.push({ state: 'error', code: errnoNames.get(errno) ?? 'EUNKNOWN' });
    }
  }
  return answers;
}

function input(paths: readonly string[]): Buffer {
  return Buffer.concat(paths.map((p) => Buffer.from(`${p}\0`)));
}

/** F_GETLK on each path, in order, with one helper process (none for an empty list). */
export function recordLocksSync(paths: readonly string[]): RecordLock[] {
  if (paths.length === 0) return [];
  const r = spawnSync('perl', ['-e', SCRIPT], {
    input: input(paths),
    stdio: ['pipe', 'pipe', 'ignore'],
    maxBuffer: 1 << 24,
  });
  if (r.error || r.status !== 0) return paths.map(() => ({ state: 'error', code: 'ENOSYS' }));
  return parse(r.stdout.toString('latin1'), paths.length);
}

/** As recordLocksSync, without blocking the event loop. */
export function recordLocks(paths: readonly string[]): Promise<RecordLock[]> {
  if (paths.length === 0) return Promise.resolve([]);
  return new Promise((resolve) => {
    const child = spawn('perl', ['-e', SCRIPT], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    let failed = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
    child.stdin.on('error', () => {
      /* the helper died early: answered below */
    });
    child.once('error', () => {
      failed = true;
      resolve(paths.map(() => ({ state: 'error', code: 'ENOSYS' })));
    });
    child.once('close', (status) => {
      if (failed) return;
      if (status !== 0) resolve(paths.map(() => ({ state: 'error', code: 'ENOSYS' })));
      else resolve(parse(out, paths.length));
    });
    child.stdin.end(input(paths));
  });
}
