// Crash storm (budget: svtui scan ≤ svscan + supervise, same tree, same run): N services
// (SVTUI_BENCH_STORM, default 200) whose `./run` exits 1 at once, so each supervisor restarts
// every one of them once a second, its throttle. Over SVTUI_BENCH_SECONDS (30) it measures the
// CPU (utime+stime from /proc) of the supervisor's own processes, never the services': svtui
// scan's one process; svscan and its N supervise; runsvdir and its N runsv. Each run appends a
// byte to DIR/.starts (a dot name: no scanner takes it for a service), so the restarts each
// supervisor achieved are counted too, and the CPU per restart is shown beside. The rows "node
// spawn alone" and "posix_spawn alone" (node-floor.js) are the least a supervisor in Node spends
// starting processes with child_process, or with svtui's native starter as svtui scan does when
// it is built: what svtui scan spends above the second is its own.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  childrenByParent,
  load,
  makeService,
  presentSupervisors,
  procStat,
  sleep,
  supervisors,
  waitFor,
} from './supervisors.js';

const size = (path) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

async function storm(name, count, seconds) {
  const sup = supervisors[name];
  const tree = mkdtempSync(join(tmpdir(), 'svtui-bench-storm-'));
  const starts = join(tree, '.starts');
  for (let i = 0; i < count; i++) makeService(tree, `s${i}`, 'printf . >>../.starts\nexit 1');
  const child = sup.start(tree);
  try {
    // Every service started at least twice: each supervisor is in its steady loop.
    await waitFor(() => size(starts) >= 2 * count, 60000, 100);
    await sleep(1000);
    // The supervisor's processes: the scanner and its children that are not a service's run.
    const pids = [
      child.pid,
      ...childrenByParent(child.pid)
        .filter((c) => c.comm !== 'run')
        .map((c) => c.pid),
    ];
    const before = pids.map((p) => procStat(p).ticks);
    const started0 = size(starts);
    const t0 = Date.now();
    await sleep(seconds * 1000);
    const after = pids.map((p) => procStat(p).ticks);
    const wall = (Date.now() - t0) / 1000;
    const restarts = (size(starts) - started0) / wall;
    const ticks = after.reduce((sum, t, i) => sum + t - before[i], 0);
    const cpu = (ticks / 100 / wall) * 100;
    return { cpu, restarts, msPerRestart: (cpu * 10) / restarts, processes: pids.length };
  } finally {
    await sup.stop(child, tree);
    rmSync(tree, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

export default async function () {
  const count = Number(process.env.SVTUI_BENCH_STORM ?? 200);
  const seconds = Number(process.env.SVTUI_BENCH_SECONDS ?? 30);
  const names = presentSupervisors();
  names.splice(1, 0, 'node spawn alone');
  // svtui's native starter, where `npm install` built it: what a start costs svtui at the least.
  if (existsSync(new URL('../build/Release/svtui_spawn.node', import.meta.url)))
    names.splice(2, 0, 'posix_spawn alone');
  console.log(
    `\ncrash storm: ${count} services exiting at once, restarted every second, ${seconds} s each` +
      ` (budget: svtui scan ≤ svscan+supervise)`,
  );
  const figures = {};
  for (const name of names) {
    const loadBefore = load();
    const f = await storm(name, count, seconds);
    figures[name] = f;
    console.log(
      `  ${name.padEnd(18)} CPU ${f.cpu.toFixed(1).padStart(5)} % of a core in ${String(f.processes).padStart(3)} process(es)` +
        `  ${f.restarts.toFixed(0)} restarts/s  ${f.msPerRestart.toFixed(2)} ms CPU each  (load ${loadBefore})`,
    );
  }
  const ref = figures['svscan+supervise'];
  const own = figures['svtui scan'];
  if (ref && own)
    console.log(
      `  ratio svtui/daemontools: CPU ${(own.cpu / ref.cpu).toFixed(2)}  per restart ${(own.msPerRestart / ref.msPerRestart).toFixed(2)}` +
        `  ${own.cpu <= ref.cpu ? 'within' : 'OVER'} budget`,
    );
}
