// The supervisor's budgets, side by side with daemontools (svscan + supervise): N services
// (default 500, SVTUI_BENCH_SERVICES): resident memory of the supervisor and its helper
// processes, not the services (≤ 120 MB), and idle CPU over ~10 s (≤ 1 %); then 200 logged
// services under svtui's in-process logger (≤ 160 MB). Respawn after kill -9 is
// respawn.bench.js, the crash storm storm.bench.js.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  load,
  makeService,
  presentSupervisors,
  procStat,
  sleep,
  status,
  supervisors,
  waitFor,
} from './supervisors.js';

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
  const names = presentSupervisors(['svtui scan', 'svscan+supervise']);
  const have = names.includes('svscan+supervise');
  const count = Number(process.env.SVTUI_BENCH_SERVICES ?? 500);
  const idle = Number(process.env.SVTUI_BENCH_IDLE ?? 10);
  console.log(
    `\n${count} services: supervisor + helpers, not the services (budget 120 MB, 1 % CPU)`,
  );
  const figures = {};
  for (const name of names) {
    const loadBefore = load();
    const f = await many(name, count, idle);
    figures[name] = f;
    console.log(
      `  ${name.padEnd(18)} rss ${f.rssMB.toFixed(1)} MB in ${f.processes} process(es)  idle CPU ${f.cpu.toFixed(2)} %  all up in ${(f.upMs / 1000).toFixed(1)} s  (load ${loadBefore})`,
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
