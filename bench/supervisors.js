// What the supervisor benches share: trees of services in a temporary directory, the three
// supervisors started and stopped the same way (svtui scan through bin/svtui.js's own #! line,
// daemontools svscan + supervise, runit runsvdir + runsv), supervise/status read from outside,
// and CPU and memory of a process from /proc. Every process is stopped by its pid.
import { spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  watch,
  writeSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const cli = new URL('../bin/svtui.js', import.meta.url).pathname;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The absolute path of `name` on PATH, or undefined. */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      const path = join(dir, name);
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export function script(path, body, shell = '/bin/sh') {
  writeFileSync(path, `#!${shell}\n${body}\n`);
  chmodSync(path, 0o755);
}

export function makeService(tree, name, run = 'exec sleep 100000', logRun = undefined) {
  mkdirSync(join(tree, name));
  script(join(tree, name, 'run'), run);
  if (logRun) {
    mkdirSync(join(tree, name, 'log'));
    script(join(tree, name, 'log', 'run'), logRun);
  }
}

/** pid and start time (ms) from supervise/status (18 or 20 bytes). */
export function status(dir) {
  try {
    const b = readFileSync(join(dir, 'supervise', 'status'));
    if (b.length < 18) return undefined;
    const secs = Number(b.readBigUInt64BE(0) - ((1n << 62n) + 10n));
    return { pid: b.readUInt32LE(12), since: secs * 1000 + b.readUInt32BE(8) / 1e6 };
  } catch {
    return undefined;
  }
}

export async function waitFor(check, timeoutMs, everyMs = 1) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(everyMs);
  }
}

/** Resolves with performance.now() when supervise/status first shows a pid other than `old`. */
export function newPid(dir, old, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = status(dir);
      if (!s || s.pid === 0 || s.pid === old) return;
      const at = performance.now();
      done();
      resolve({ at, pid: s.pid });
    };
    const watcher = watch(join(dir, 'supervise'), check);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${dir}: no new pid after ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      watcher.close();
    };
    check();
  });
}

/** Every process whose parent is `pid`, read from each /proc/PID/stat (not only the main thread's). */
export function childrenByParent(pid) {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'latin1');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
      if (Number(f[1]) === pid) out.push({ pid: Number(name), comm });
    } catch {
      /* gone */
    }
  }
  return out;
}

export function children(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU ticks (utime+stime, USER_HZ 100) and resident KB of a live process; zeros once gone. */
export function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return { ticks: Number(f[11]) + Number(f[12]), rssKB: rss ? Number(rss[1]) : 0 };
  } catch {
    return { ticks: 0, rssKB: 0 };
  }
}

function alive(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return !/^[ZX]/.test(text.slice(text.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** Resolves once `child` has exited (at once if it has already). */
function exitOf(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', r));
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    /* gone already */
  }
}

/** Write `letters` to DIR/supervise/control, as svc does (no reader: nothing to do). */
export function control(dir, letters) {
  try {
    const fd = openSync(
      join(dir, 'supervise', 'control'),
      constants.O_WRONLY | constants.O_NONBLOCK,
    );
    try {
      writeSync(fd, letters);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not supervised */
  }
}

/**
 * The scanner stops, then each supervisor is told `dx` through its control FIFO (both supervise
 * and runsv take it: down, then exit), then every process that was a child of the scanner is
 * waited for by pid; what is left after 20 s is killed, with the services it recorded.
 */
async function stopScanner(child, tree) {
  const kids = childrenByParent(child.pid).map((c) => c.pid);
  const dirs = readdirSync(tree)
    .filter((n) => !n.startsWith('.'))
    .map((n) => join(tree, n));
  const exited = exitOf(child);
  signal(child.pid, 'SIGTERM');
  await exited;
  for (const d of dirs) control(d, 'dx');
  try {
    await waitFor(() => kids.every((p) => !alive(p)), 20000, 50);
  } catch {
    for (const d of dirs) if (status(d)?.pid) signal(status(d).pid, 'SIGKILL');
    for (const p of kids) signal(p, 'SIGKILL');
  }
}

/** `svtui scan` through the #! line of `bin` (bin/svtui.js of this checkout, or another one). */
function svtuiScan(bin) {
  return {
    start: (tree) => spawn(bin, ['scan', tree], { stdio: 'ignore', detached: true }),
    /** The supervisor and its helpers: every process of its tree that is not a service. */
    pids: (root, services) => [root, ...children(root).filter((p) => !services.has(p))],
    /** TERM; a scanner still there 30 s later is reported, then killed with its services. */
    async stop(child, tree) {
      const exited = exitOf(child);
      signal(child.pid, 'SIGTERM');
      const gone = await Promise.race([exited.then(() => true), sleep(30000).then(() => false)]);
      if (gone) return;
      console.log(`  (${bin} scan still running 30 s after TERM: killed)`);
      const kids = children(child.pid);
      signal(child.pid, 'SIGKILL');
      await exited;
      for (const p of kids) signal(p, 'SIGKILL');
      for (const n of readdirSync(tree))
        if (status(join(tree, n))?.pid) signal(status(join(tree, n)).pid, 'SIGKILL');
    },
  };
}

const floor = new URL('./node-floor.js', import.meta.url).pathname;

/**
 * Crash storm only: bench/node-floor.js restarting the tree's services with nothing else. The
 * services of `exit 1` end by themselves, so a TERM ends it all.
 */
function spawnFloor(mode) {
  return {
    storm: true,
    start: (tree) =>
      spawn(process.execPath, ['--max-semi-space-size=2', floor, tree, ...mode], {
        stdio: 'ignore',
        detached: true,
      }),
    async stop(child) {
      const exited = exitOf(child);
      signal(child.pid, 'SIGTERM');
      await exited;
    },
  };
}

export const supervisors = {
  'svtui scan': svtuiScan(cli),
  'node spawn alone': spawnFloor([]),
  'posix_spawn alone': spawnFloor(['posix']),
  // SVTUI_BENCH_BEFORE=OTHER/bin/svtui.js: another build side by side (an earlier commit).
  ...(process.env.SVTUI_BENCH_BEFORE
    ? { 'svtui (before)': svtuiScan(process.env.SVTUI_BENCH_BEFORE) }
    : {}),
  'svscan+supervise': {
    tools: ['svscan', 'supervise'],
    start: (tree) => spawn('svscan', [tree], { stdio: 'ignore', detached: true }),
    pids: (root) => [root, ...children(root)],
    stop: stopScanner,
  },
  'runsvdir+runsv': {
    tools: ['runsvdir', 'runsv'],
    start: (tree) => spawn('runsvdir', [tree], { stdio: 'ignore', detached: true }),
    pids: (root) => [root, ...children(root)],
    stop: stopScanner,
  },
};

/** The supervisors whose tools are on PATH (svtui always); says which are skipped and why. */
export function presentSupervisors(
  names = Object.keys(supervisors).filter((n) => !supervisors[n].storm),
) {
  return names.filter((name) => {
    const missing = (supervisors[name].tools ?? []).filter((t) => !which(t));
    if (missing.length) console.log(`  ${name}: ${missing.join(', ')} not on PATH, skipped`);
    return missing.length === 0;
  });
}

export function load() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
