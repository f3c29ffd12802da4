// The console on 1000 services and a 1 GB log (DESIGN budgets: first screen ≤ 700 ms, a key to
// the screen ≤ 50 ms median, `g` to the top of 1 GB ≤ 200 ms, ≤ 150 MB resident, ≤ 2 % CPU idle).
//
// The tree is FAKE but real on disk: 1000 service directories with a 20-byte supervise/status
// (packStatus) and supervise/ok + supervise/control FIFOs held open for reading by a helper
// process, so the console sees 1000 supervised services exactly as svstat would (running 1000
// real supervise processes would measure this 2-core box, not the console). The first service
// (`aaa-big`) has a 1 GB log/main/current of TAI64N-labelled lines, cached in bench/out/.
// Every service has been up for 3 days (plus i × 37 s). Measured in a real terminal: tmux at
// 120×40, polling capture-pane for the expected text.
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './lib.js';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench/out/console');
const tree = join(out, 'tree');
const bigLog = join(tree, 'aaa-big/log/main/current');
const SERVICES = 1000;
const GB = 1 << 30;
/** Services up for days, as on a box that runs: their TIME column changes once an hour. */
const UP_FOR_MS = 3 * 86_400_000;

function buildTree(packStatus, timeFromMillis) {
  for (let i = 0; i < SERVICES; i++) {
    const name = i === 0 ? 'aaa-big' : `svc-${String(i).padStart(4, '0')}`;
    const dir = join(tree, name);
    mkdirSync(join(dir, 'supervise'), { recursive: true });
    if (!existsSync(join(dir, 'run')))
      writeFileAt(join(dir, 'run'), '#!/bin/sh\nexec sleep 1000\n');
    for (const fifo of ['ok', 'control']) {
      if (!existsSync(join(dir, 'supervise', fifo)))
        spawnSync('mkfifo', [join(dir, 'supervise', fifo)]);
    }
    const status = packStatus({
      since: timeFromMillis(Date.now() - UP_FOR_MS - i * 37_000),
      pid: 10000 + i,
      paused: false,
      want: 'up',
      gotTerm: false,
      state: 'run',
    });
    writeFileAt(join(dir, 'supervise/status'), status);
  }
  mkdirSync(join(tree, 'aaa-big/log/main'), { recursive: true });
  writeFileAt(join(tree, 'aaa-big/log/run'), '#!/bin/sh\nexec multilog t ./main\n');
  const chunk = [];
  let label = (1n << 62n) + 10n + BigInt(Math.floor(Date.now() / 1000) - 86400 * 30);
  for (let i = 0; i < 10000; i++) {
    chunk.push(
      `@${label.toString(16).padStart(16, '0')}00000000 request ${i} GET /api/items 200 12ms ${'x'.repeat(40)}\n`,
    );
    if (i % 100 === 0) label += 1n;
  }
  const block = Buffer.from(chunk.join(''));
  const size = Math.ceil(GB / block.length) * block.length;
  if (existsSync(bigLog) && statSync(bigLog).size >= size) {
    // Drop the lines an earlier run appended, so the tail is the same every run.
    truncateSync(bigLog, size);
    return;
  }
  console.log('  writing a 1 GB log once (cached in bench/out/console)…');
  const fd = openSync(bigLog, 'w');
  for (let written = 0; written < size; written += block.length) writeSync(fd, block);
  closeSync(fd);
}

function writeFileAt(path, data) {
  const fd = openSync(path, 'w');
  writeSync(fd, data);
  closeSync(fd);
}

/** A helper holding every ok and control FIFO open for reading, as a supervisor does. */
function holdFifos() {
  const script = `
    const fs = require('fs'); const path = require('path');
    const fds = [];
    for (const name of fs.readdirSync(process.argv[1])) for (const f of ['ok', 'control'])
      fds.push(fs.openSync(path.join(process.argv[1], name, 'supervise', f), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK));
    process.stdout.write('ready\\n');
    setInterval(() => {}, 1 << 30);`;
  const child = spawn(process.execPath, ['-e', script, tree], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => child.stdout.once('data', () => resolve(child)));
}

const socket = `svtui-bench-${process.pid}`;
const tmux = (...args) =>
  spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' }).stdout ?? '';
const screen = () => tmux('capture-pane', '-p');

async function until(test, timeoutMs = 10000) {
  const start = performance.now();
  for (;;) {
    if (test(screen())) return performance.now() - start;
    if (performance.now() - start > timeoutMs) throw new Error(`timed out; screen:\n${screen()}`);
  }
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMB(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export default async function consoleBench() {
  const { packStatus } = await import(join(root, 'dist/codec/status.js'));
  const { timeFromMillis } = await import(join(root, 'dist/codec/tai64n.js'));
  buildTree(packStatus, timeFromMillis);
  const holder = await holdFifos();
  const env = { ...process.env, TZ: 'UTC' };
  delete env.CI;
  delete env.TMUX;
  try {
    // The terminal first (a tmux server takes tens of ms to start), then the console in it:
    // the clock starts when the console is launched, not when tmux is.
    spawnSync(
      'tmux',
      ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-x', '120', '-y', '40', 'sleep 600'],
      { env },
    );
    const launch = `exec ${join(root, 'bin/svtui.js')} ${tree}`;
    const ready = (s) => /1000 services/.test(s) && /svc-0001/.test(s) && /request \d+ GET/.test(s);
    const firstScreens = [];
    for (let i = 0; i < 5; i++) {
      // An empty pane first, so the last run's screen can never count as this one's.
      tmux('respawn-pane', '-k', 'sleep 600');
      await until((s) => !/services/.test(s));
      const started = performance.now();
      tmux('respawn-pane', '-k', launch);
      await until(ready);
      firstScreens.push(performance.now() - started);
    }
    const firstScreen = median(firstScreens);
    const pid = Number(tmux('display-message', '-p', '#{pane_pid}').trim());

    const helpTimes = [];
    for (let i = 0; i < 15; i++) {
      tmux('send-keys', '?');
      helpTimes.push(await until((s) => s.includes('svc letters')));
      tmux('send-keys', 'Escape');
      await until((s) => /SERVICE +STATE/.test(s) && !s.includes('svc letters'));
    }
    tmux('send-keys', 'Tab');
    await until((s) => s.includes('following'));
    const pageTimes = [];
    let last = screen();
    for (let i = 0; i < 15; i++) {
      tmux('send-keys', 'PageUp');
      const before = last;
      pageTimes.push(await until((s) => s !== before && / \d+% · /.test(s)));
      last = screen();
    }
    tmux('send-keys', 'g');
    const topTime = await until((s) => / top · /.test(s) && /request 0 GET/.test(s));
    tmux('send-keys', 'G');
    await until((s) => s.includes('following'));

    // A new line, appended as multilog would, until it is on the screen; and the bytes the
    // console writes to the terminal for it (what an SSH link carries per update).
    const lineTimes = [];
    const bytesPerLine = [];
    const counter = join(out, 'pane-bytes');
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 150));
      tmux('pipe-pane', '-o', `cat > ${counter}`);
      await new Promise((r) => setTimeout(r, 50));
      const marker = `bench-new-line-${process.pid}-${i}`;
      const label = ((1n << 62n) + 10n + BigInt(Math.floor(Date.now() / 1000))).toString(16);
      appendFileSync(bigLog, `@${label.padStart(16, '0')}00000000 ${marker}\n`);
      lineTimes.push(await until((s) => s.includes(marker)));
      await new Promise((r) => setTimeout(r, 100));
      tmux('pipe-pane');
      bytesPerLine.push(statSync(counter).size);
    }

    await new Promise((r) => setTimeout(r, 1000));
    const ticks0 = cpuTicks(pid);
    const idleSeconds = 10;
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const idleCpu = ((cpuTicks(pid) - ticks0) / 100 / idleSeconds) * 100;
    const rss = rssMB(pid);

    console.log(
      '\nconsole, attached to 1000 services (fake tree, held FIFOs), 1 GB current, 120×40 tmux',
    );
    console.log(
      `  first screen, median    ${firstScreen.toFixed(0)} ms   (budget 700; n=${firstScreens.length}: ${firstScreens.map((t) => t.toFixed(0)).join(' ')})`,
    );
    console.log(
      `  key ? → help, median    ${median(helpTimes).toFixed(1)} ms  (budget 50; n=${helpTimes.length})`,
    );
    console.log(
      `  PgUp in 1 GB, median    ${median(pageTimes).toFixed(1)} ms  (budget 50; n=${pageTimes.length})`,
    );
    console.log(`  g to top of 1 GB        ${topTime.toFixed(1)} ms  (budget 200)`);
    console.log(
      `  new line on screen, med ${median(lineTimes).toFixed(1)} ms  (budget 100; n=${lineTimes.length})`,
    );
    console.log(`  bytes to the terminal per new line, median ${median(bytesPerLine)}`);
    console.log(`  resident                ${rss.toFixed(1)} MB  (budget 150)`);
    console.log(`  idle CPU over ${idleSeconds} s      ${idleCpu.toFixed(2)} %  (budget 2)`);
    tmux('send-keys', 'q');
  } finally {
    tmux('kill-server');
    holder.kill('SIGTERM');
  }
}
