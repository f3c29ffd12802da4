// Respawn after kill -9 (budget: median ≤ 5 ms), svtui scan beside daemontools' supervise and
// runit's runsv, measured from outside as the issue words it: from the kill to the new pid
// visible in supervise/status. The harness kills the service itself and watches supervise/ with
// inotify (fs.watch), so both ends are read from this process's one monotonic clock, and no
// polling loop competes with the supervisors for the two cores. Beside it, the new run's own
// first line: `./run` (bash) writes $EPOCHREALTIME before exec'ing sleep, so that column includes
// exec'ing bash — the same for every supervisor. Each service runs > 1 s before it is killed:
// supervise and runsv throttle only runs shorter than a second. SVTUI_BENCH_RUNS (10) per tool.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './lib.js';
import {
  load,
  newPid,
  presentSupervisors,
  script,
  sleep,
  status,
  supervisors,
  waitFor,
} from './supervisors.js';

async function respawn(name, runs) {
  const sup = supervisors[name];
  const tree = mkdtempSync(join(tmpdir(), 'svtui-bench-respawn-'));
  const dir = join(tree, 'svc');
  mkdirSync(dir);
  const starts = join(dir, 'starts');
  script(join(dir, 'run'), 'echo $EPOCHREALTIME >> starts\nexec sleep 100000', '/bin/bash');
  const lines = () =>
    existsSync(starts) ? readFileSync(starts, 'utf8').split('\n').filter(Boolean) : [];
  const child = sup.start(tree);
  const toStatus = [];
  const toRun = [];
  try {
    let pid = (await waitFor(() => status(dir)?.pid && lines().length === 1 && status(dir), 10000))
      .pid;
    for (let i = 0; i < runs; i++) {
      await sleep(1100);
      const seen = lines().length;
      const visible = newPid(dir, pid);
      const killedAt = performance.now();
      process.kill(pid, 'SIGKILL');
      const got = await visible;
      toStatus.push(got.at - killedAt);
      const first = Number((await waitFor(() => lines()[seen], 5000, 5)).trim()) * 1000;
      toRun.push(first - (performance.timeOrigin + killedAt));
      pid = got.pid;
    }
  } finally {
    await sup.stop(child, tree);
    rmSync(tree, { recursive: true, force: true });
  }
  return { toStatus, toRun };
}

const fmt = (xs) => `median ${median(xs).toFixed(2)} ms  max ${Math.max(...xs).toFixed(2)} ms`;

export default async function () {
  const runs = Number(process.env.SVTUI_BENCH_RUNS ?? 10);
  const names = presentSupervisors();
  console.log(`\nrespawn after kill -9, ${runs} kills each (budget: median ≤ 5 ms to the status)`);
  const medians = {};
  for (const name of names) {
    const loadBefore = load();
    const { toStatus, toRun } = await respawn(name, runs);
    medians[name] = median(toStatus);
    console.log(
      `  ${name.padEnd(18)} new pid in status: ${fmt(toStatus)} | run's first line: ${fmt(toRun)}  (load ${loadBefore})`,
    );
  }
  const own = medians['svtui scan'];
  for (const ref of ['svscan+supervise', 'runsvdir+runsv'])
    if (medians[ref] !== undefined)
      console.log(`  ratio svtui/${ref} ${(own / medians[ref]).toFixed(2)}`);
  console.log(`  ${own <= 5 ? 'within' : 'OVER'} budget`);
}
