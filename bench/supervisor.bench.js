// The supervisor's budgets, side by side with daemontools (svscan + supervise):
//  1. respawn after kill -9: kill time → the new start recorded in supervise/status (≤ 10 ms);
//     the service runs > 1 s first, since supervise throttles only runs shorter than a second;
//  2. N services (default 500, SVTUI_BENCH_SERVICES): resident memory of the supervisor and its
//     helper processes, not the services (≤ 120 MB), and idle CPU over ~10 s (≤ 1 %).
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './lib.js';

const cli = new URL('../bin/svtui.js', import.meta.url).pathname;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function script(path, body) {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

function makeService(tree, name, run = 'exec sleep 100000', logRun = undefined) {
  mkdirSync(join(tree, name));
  script(join(tree, name, 'run'), run);
  if (logRun) {
    mkdirSync(join(tree, name, 'log'));
    script(join(tree, name, 'log', 'run'), logRun);
  }
}

/** pid and start time (ms) from supervise/status (18 or 20 bytes). */
function status(dir) {
  try {
    const b = readFileSync(join(dir, 'supervise', 'status'));
    if (b.length < 18) return undefined;
    const secs = Number(b.readBigUInt64BE(0) - ((1n << 62n) + 10n));
    return { pid: b.readUInt32LE(12), since: secs * 1000 + b.readUInt32BE(8) / 1e6 };
  } catch {
    return undefined;
  }
}

async function waitFor(check, timeoutMs, everyMs = 1) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(everyMs);
  }
}

function children(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return { ticks: Number(f[11]) + Number(f[12]), rssKB: rss ? Number(rss[1]) : 0 };
  } catch {
    return { ticks: 0, rssKB: 0 };
  }
}

const supervisors = {
  'svtui scan': {
    start: (tree) => spawn(cli, ['scan', tree], { stdio: 'ignore', detached: true }),
    /** The supervisor and its helpers: every process of its tree that is not a service. */
    pids: (root, services) => [root, ...children(root).filter((p) => !services.has(p))],
    async stop(child) {
      process.kill(child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  },
  'svscan+supervise': {
    start: (tree) => spawn('svscan', [tree], { stdio: 'ignore', detached: true }),
    pids: (root) => [root, ...children(root)],
    async stop(child, tree) {
      const dirs = readdirSync(tree).map((n) => join(tree, n));
      process.kill(child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
      for (let i = 0; i < dirs.length; i += 100)
        spawnSync('svc', ['-dx', ...dirs.slice(i, i + 100)]);
      await waitFor(() => dirs.every((d) => status(d)?.pid === 0), 20000, 50);
    },
  },
};

/**
 * Both ends of the latency come from one clock, gettimeofday, with µs precision: bash's
 * $EPOCHREALTIME right after `kill -9`, and the new run's first line writing its own
 * $EPOCHREALTIME (so a run's start includes exec'ing bash, the same for both supervisors).
 */
async function respawn(name, runs) {
  const sup = supervisors[name];
  const tree = mkdtempSync(join(tmpdir(), 'svtui-bench-'));
  mkdirSync(join(tree, 'svc'));
  const starts = join(tree, 'svc', 'starts');
  writeFileSync(
    join(tree, 'svc', 'run'),
    '#!/bin/bash\necho $EPOCHREALTIME >> starts\nexec sleep 100000\n',
  );
  chmodSync(join(tree, 'svc', 'run'), 0o755);
  const lines = () =>
    existsSync(starts) ? readFileSync(starts, 'utf8').split('\n').filter(Boolean) : [];
  const child = sup.start(tree);
  const dir = join(tree, 'svc');
  const samples = [];
  try {
    let current = await waitFor(
      () => status(dir)?.pid && lines().length === 1 && status(dir),
      10000,
    );
    for (let i = 0; i < runs; i++) {
      await sleep(1100);
      const seen = lines().length;
      const killed = spawnSync('bash', ['-c', `kill -9 ${current.pid}; echo $EPOCHREALTIME`], {
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C' },
      });
      const killedAt = Number(killed.stdout.trim()) * 1000;
      const startedAt = Number((await waitFor(() => lines()[seen], 5000)).trim()) * 1000;
      samples.push(startedAt - killedAt);
      current = await waitFor(() => {
        const s = status(dir);
        return s && s.pid !== 0 && s.pid !== current.pid && s;
      }, 5000);
    }
  } finally {
    await sup.stop(child, tree);
    rmSync(tree, { recursive: true, force: true });
  }
  return samples;
}

async function many(name, count, idleSeconds, service = {}) {
  const sup = supervisors[name];
  const tree = mkdtempSync(join(tmpdir(), 'svtui-bench-'));
  for (let i = 0; i < count; i++) makeService(tree, `s${i}`, service.run, service.log);
  const started = Date.now();
  const child = sup.start(tree);
  const dirs = readdirSync(tree).map((n) => join(tree, n));
  const slots = service.log ? [...dirs, ...dirs.map((d) => join(d, 'log'))] : dirs;
  try {
    await waitFor(() => slots.every((d) => status(d)?.pid), 120000, 100);
    const upMs = Date.now() - started;
    await sleep(2000);
    const services = new Set(dirs.map((d) => status(d).pid));
    const pids = sup.pids(child.pid, services);
    const before = pids.map(procStat);
    const t0 = Date.now();
    await sleep(idleSeconds * 1000);
    const after = pids.map(procStat);
    const seconds = (Date.now() - t0) / 1000;
    const ticks = after.reduce((sum, s, i) => sum + s.ticks - before[i].ticks, 0);
    const rssMB = after.reduce((sum, s) => sum + s.rssKB, 0) / 1024;
    return { upMs, rssMB, cpu: (ticks / 100 / seconds) * 100, processes: pids.length };
  } finally {
    await sup.stop(child, tree);
    rmSync(tree, { recursive: true, force: true });
  }
}

export default async function () {
  const have = existsSync('/usr/bin/svscan') && existsSync('/usr/bin/supervise');
  const names = have ? Object.keys(supervisors) : ['svtui scan'];
  if (!have) console.log('  svscan/supervise missing: daemontools figures skipped');
  const runs = Number(process.env.SVTUI_BENCH_RUNS ?? 10);
  console.log(`\nrespawn after kill -9 (median of ${runs}; budget 10 ms)`);
  const latency = {};
  for (const name of names) {
    const s = await respawn(name, runs);
    latency[name] = median(s);
    console.log(
      `  ${name.padEnd(18)} median ${latency[name].toFixed(2)} ms  max ${Math.max(...s).toFixed(2)} ms`,
    );
  }
  if (have)
    console.log(
      `  ratio svtui/daemontools ${(latency['svtui scan'] / latency['svscan+supervise']).toFixed(2)}`,
    );

  const count = Number(process.env.SVTUI_BENCH_SERVICES ?? 500);
  const idle = Number(process.env.SVTUI_BENCH_IDLE ?? 10);
  console.log(
    `\n${count} services: supervisor + helpers, not the services (budget 120 MB, 1 % CPU)`,
  );
  const figures = {};
  for (const name of names) {
    const f = await many(name, count, idle);
    figures[name] = f;
    console.log(
      `  ${name.padEnd(18)} rss ${f.rssMB.toFixed(1)} MB in ${f.processes} process(es)  idle CPU ${f.cpu.toFixed(2)} %  all up in ${(f.upMs / 1000).toFixed(1)} s`,
    );
  }
  if (have) {
    const [a, b] = [figures['svtui scan'], figures['svscan+supervise']];
    console.log(
      `  ratio svtui/daemontools: rss ${(a.rssMB / b.rssMB).toFixed(2)}  cpu ${b.cpu > 0 ? (a.cpu / b.cpu).toFixed(2) : 'n/a'}`,
    );
  }

  // Logged services, each writing a line a second through the in-process multilog.
  const logged = Number(process.env.SVTUI_BENCH_LOGGED ?? 200);
  const chatty = {
    run: 'while :; do echo "tick $(date +%s) lorem ipsum dolor sit amet"; sleep 1; done',
    log: 'exec svtui multilog t s100000 n3 ./main',
  };
  console.log(`\n${logged} logged services, in-process logger (budget 160 MB)`);
  const f = await many('svtui scan', logged, idle, chatty);
  console.log(
    `  svtui scan         rss ${f.rssMB.toFixed(1)} MB in ${f.processes} process(es)  CPU ${f.cpu.toFixed(2)} %  all up in ${(f.upMs / 1000).toFixed(1)} s`,
  );
}
