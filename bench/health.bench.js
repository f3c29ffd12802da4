// Health checks under svtui scan (budget: a failure acted on within one cycle + its timeout; 100
// hanging checks delay nothing). `set daemon 1` in DIR/.svtui/monitrc; the service `web` has
//   if failed host 127.0.0.1 port P protocol http request "/health" timeout 1 seconds then restart
// against an HTTP server this harness runs. At a random moment of the cycle the server starts
// answering 500; the reaction is the time from then to the restart's new pid in
// web/supervise/status (seen through inotify). Twice: once alone, once beside 100 services whose
// HTTP check goes to a TCP server that accepts and never answers (each hangs for its 5 s timeout,
// then fails, then hangs again; their action is an alert, and the tree has no alert hook).
// SVTUI_BENCH_RUNS (8) failures a phase.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './lib.js';
import { load, makeService, newPid, sleep, status, supervisors, waitFor } from './supervisors.js';

const CYCLE_S = 1;
const TIMEOUT_S = 1;

function listen(server) {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
  );
}

async function servers() {
  let failing = false;
  const http = createServer((req, res) => {
    res.writeHead(failing ? 500 : 200, { 'content-type': 'text/plain' });
    res.end(failing ? 'failing\n' : 'ok\n');
  });
  const held = new Set();
  const silent = createTcpServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
    socket.on('error', () => undefined);
  });
  const ports = { http: await listen(http), silent: await listen(silent) };
  return {
    ports,
    fail: (on) => (failing = on),
    async close() {
      for (const s of held) s.destroy();
      http.closeAllConnections();
      await Promise.all([http, silent].map((s) => new Promise((r) => s.close(r))));
    },
  };
}

async function phase(hanging, runs, srv) {
  const tree = mkdtempSync(join(tmpdir(), 'svtui-bench-health-'));
  mkdirSync(join(tree, '.svtui'));
  writeFileSync(join(tree, '.svtui', 'monitrc'), `set daemon ${CYCLE_S}\n`);
  makeService(tree, 'web');
  const rule = `if failed host 127.0.0.1 port ${srv.ports.http} protocol http request "/health" timeout ${TIMEOUT_S} seconds then restart`;
  writeFileSync(join(tree, 'web', 'monitor'), `${rule}\n`);
  for (let i = 0; i < hanging; i++) {
    makeService(tree, `hang${i}`);
    writeFileSync(
      join(tree, `hang${i}`, 'monitor'),
      `if failed host 127.0.0.1 port ${srv.ports.silent} protocol http timeout 5 seconds then alert\n`,
    );
  }
  const sup = supervisors['svtui scan'];
  const child = sup.start(tree);
  const web = join(tree, 'web');
  const reactions = [];
  try {
    let pid = (await waitFor(() => status(web)?.pid && status(web), 20000, 20)).pid;
    // The start's grace (one cycle), and the hanging checks all under way.
    await sleep(3000 * CYCLE_S);
    for (let i = 0; i < runs; i++) {
      await sleep(Math.random() * CYCLE_S * 1000); // any moment of the cycle
      const restarted = newPid(web, pid, 20000);
      const t0 = performance.now();
      srv.fail(true);
      const got = await restarted;
      srv.fail(false);
      reactions.push(got.at - t0);
      pid = got.pid;
      await sleep(2500 * CYCLE_S); // the new start's grace
    }
  } finally {
    srv.fail(false);
    await sup.stop(child, tree);
    rmSync(tree, { recursive: true, force: true });
  }
  return reactions;
}

export default async function () {
  const runs = Number(process.env.SVTUI_BENCH_RUNS ?? 8);
  const budget = (CYCLE_S + TIMEOUT_S) * 1000;
  console.log(
    `\nhealth: HTTP check failing → restart's new pid (cycle ${CYCLE_S} s, timeout ${TIMEOUT_S} s: budget ${budget} ms), ${runs} failures each`,
  );
  const srv = await servers();
  const medians = [];
  try {
    for (const hanging of [0, 100]) {
      const loadBefore = load();
      const r = await phase(hanging, runs, srv);
      medians.push(median(r));
      const max = Math.max(...r);
      console.log(
        `  ${`${hanging} hanging checks beside`.padEnd(28)} median ${median(r).toFixed(0)} ms  max ${max.toFixed(0)} ms  ${max <= budget ? 'within' : 'OVER'} budget  (load ${loadBefore})`,
      );
    }
  } finally {
    await srv.close();
  }
  console.log(`  delay from the hanging checks: median ${(medians[1] - medians[0]).toFixed(0)} ms`);
}
