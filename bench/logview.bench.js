// The console's log view on a 1 GB `current` behind three rotated files (made once under
// bench/out/logview/). In a fresh Node process: open at the tail, page up ×100, `g` (top), `G`
// (tail), line scrolls, an appended line seen while following, and resident memory.
// Budgets (DESIGN.md, console): g to the top ≤ 200 ms, a page ≤ a few ms, a new line on screen
// ≤ 100 ms, console ≤ 150 MB in all. Page-cache state: warm (the file was just written or read).
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { performance } from 'node:perf_hooks';
import { median } from './lib.js';

const out = new URL('./out/logview/main/', import.meta.url).pathname;
const GB = 1024 ** 3;
const CHUNK_LINES = 40_000;

function lines(first, count) {
  const rows = [];
  for (let n = first; n < first + count; n++) {
    const label = `@40000000${(0x6b000000 + n).toString(16)}${'0'.repeat(8)}`;
    rows.push(`${label} svc[${n % 997}]: request ${n} handled in ${n % 89} ms ${'x'.repeat(30)}\n`);
  }
  return rows.join('');
}

function makeLogDir() {
  const current = `${out}current`;
  if (existsSync(current) && statSync(current).size >= GB) return;
  mkdirSync(out, { recursive: true });
  for (let f = 0; f < 3; f++) {
    const fd = openSync(`${out}@400000006b04a1a8${String(f).padStart(8, '0')}.s`, 'w');
    writeSync(fd, lines(f * 10_000, 10_000));
    closeSync(fd);
  }
  const chunk = Buffer.from(lines(30_000, CHUNK_LINES));
  const fd = openSync(current, 'w');
  let written = 0;
  while (written < GB) written += writeSync(fd, chunk);
  closeSync(fd);
}

/** This process's CPU use over `ms`, in % of one core. */
async function cpuOver(ms) {
  const start = process.cpuUsage();
  await new Promise((done) => setTimeout(done, ms));
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / 1000 / ms) * 100;
}

/** Follow a log written by another process at ~10 000 lines a second for 2 s. */
async function followBusyLog(openLogView) {
  const dir = `${out}../busy/`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}current`, '');
  const writer = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('fs'); let n = 0;
       setInterval(() => { let t = ''; for (let i = 0; i < 100; i++) t += '@400000006900000000000000 busy line ' + (n++) + ' ' + 'y'.repeat(60) + '\\n';
         fs.appendFileSync(process.argv[1], t); }, 10);`,
      `${dir}current`,
    ],
    { stdio: 'ignore' },
  );
  const view = openLogView(dir, { rows: 50 });
  let notifications = 0;
  view.onChange(() => notifications++);
  const busyCpu = await cpuOver(2000);
  const lastLine = view.lines().at(-1) ?? '';
  view.close();
  writer.kill('SIGTERM');
  await new Promise((done) => writer.once('exit', done));
  return {
    busyCpu,
    busyNotifications: notifications / 2,
    busyFollowing: lastLine.includes('busy line'),
  };
}

/** Runs in the child process: one view, every figure. */
async function child(dir) {
  const rss0 = process.memoryUsage().rss;
  let t = performance.now();
  const { openLogView } = await import('../dist/logview/index.js');
  const importMs = performance.now() - t;
  const rows = 50;
  t = performance.now();
  const view = openLogView(dir, { rows });
  const openMs = performance.now() - t;
  const tailOk = view.lines().length === rows;
  const pages = [];
  for (let i = 0; i < 100; i++) {
    t = performance.now();
    view.pageUp();
    pages.push(performance.now() - t);
  }
  const scrolls = [];
  for (let i = 0; i < 100; i++) {
    t = performance.now();
    view.scroll(i % 2 ? 1 : -3);
    scrolls.push(performance.now() - t);
  }
  t = performance.now();
  view.top();
  const topMs = performance.now() - t;
  const topOk = view.info().atTop;
  const downs = [];
  for (let i = 0; i < 100; i++) {
    t = performance.now();
    view.pageDown();
    downs.push(performance.now() - t);
  }
  t = performance.now();
  view.tail();
  const tailMs = performance.now() - t;
  const seen = [];
  const keepAlive = setInterval(() => {}, 1000); // the view itself never keeps a process alive
  for (let i = 0; i < 10; i++) {
    await new Promise((done) => setTimeout(done, 50)); // a quiet spell between lines
    const marker = `bench-follow ${process.pid} ${i}`;
    const wrote = performance.now();
    const arrived = new Promise((done) => {
      const off = view.onChange(() => {
        if (view.lines().at(-1)?.endsWith(marker)) {
          off();
          done(performance.now() - wrote);
        }
      });
    });
    appendFileSync(`${dir}current`, `@400000006900000000000000 ${marker}\n`);
    seen.push(await arrived);
  }
  const idleCpu = await cpuOver(1000); // following the 1 GB log, nothing written
  view.close();
  const busy = await followBusyLog(openLogView);
  clearInterval(keepAlive);
  const rssMB = process.memoryUsage().rss / 2 ** 20;
  return {
    importMs,
    openMs,
    tailOk,
    pageUpMs: median(pages),
    pageUpMaxMs: Math.max(...pages),
    scrollMs: median(scrolls),
    topMs,
    topOk,
    pageDownMs: median(downs),
    tailMs,
    followMs: median(seen),
    followMaxMs: Math.max(...seen),
    rssMB,
    rssBaseMB: rss0 / 2 ** 20,
    idleCpu,
    ...busy,
  };
}

export default async function () {
  let t = performance.now();
  makeLogDir();
  const made = performance.now() - t;
  console.log(
    `log dir: ${out} (1 GB current + 3 rotated files; ready in ${(made / 1000).toFixed(1)} s)`,
  );
  const runChild = () => {
    const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--child', out], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  // Cold: drop this directory's files (only them) from the page cache first.
  const dropped = readdirSync(out).every(
    (name) =>
      spawnSync('dd', [`if=${out}${name}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' })
        .status === 0,
  );
  const cold = runChild();
  const runs = [runChild(), runChild(), runChild()];
  const m = (key) => median(runs.map((r) => r[key]));
  const ms = (key) => `${m(key).toFixed(2)} ms`;
  console.log(`median of ${runs.length} fresh processes:`);
  console.log(`  import dist/logview      ${ms('importMs')}`);
  console.log(
    `  open at the tail         ${ms('openMs')}  (50 rows, right: ${runs.every((r) => r.tailOk)})`,
  );
  console.log(`  page up (×100)           ${ms('pageUpMs')} per page, worst ${ms('pageUpMaxMs')}`);
  console.log(`  scroll by lines (×100)   ${ms('scrollMs')}`);
  console.log(
    `  g (top of the timeline)  ${ms('topMs')}  (budget ≤ 200 ms, at top: ${runs.every((r) => r.topOk)})`,
  );
  console.log(`  page down (×100)         ${ms('pageDownMs')} per page`);
  console.log(`  G (tail, following)      ${ms('tailMs')}`);
  console.log(
    `  appended line → onChange ${ms('followMs')}, worst ${ms('followMaxMs')} (budget ≤ 100 ms)`,
  );
  console.log(
    `  CPU following, idle      ${m('idleCpu').toFixed(2)} % of a core (budget: console idle ≤ 2 %)`,
  );
  console.log(
    `  CPU following 10k lines/s ${m('busyCpu').toFixed(1)} % of a core, ${m('busyNotifications').toFixed(0)} notifications/s (following: ${runs.every((r) => r.busyFollowing)})`,
  );
  console.log(
    `  resident                 ${m('rssMB').toFixed(1)} MB (bare node: ${m('rssBaseMB').toFixed(1)} MB)`,
  );
  if (dropped) {
    console.log(`cold page cache (dd iflag=nocache on these files first), one process:`);
    console.log(`  open at the tail         ${cold.openMs.toFixed(2)} ms`);
    console.log(
      `  page up (×100)           ${cold.pageUpMs.toFixed(2)} ms per page, worst ${cold.pageUpMaxMs.toFixed(2)} ms`,
    );
    console.log(`  g (top of the timeline)  ${cold.topMs.toFixed(2)} ms`);
  }
}

if (process.argv[2] === '--child') {
  const result = await child(process.argv[3]);
  process.stdout.write(JSON.stringify(result));
}
