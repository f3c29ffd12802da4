// The console on 1000 services and a 1 GB log, side by side with `less` on the same file, in one
// run (DESIGN budgets: first screen ≤ 500 ms; a key to the screen ≤ 20 ms median through tmux and
// ≤ 3 × less; ≤ 120 MB resident as users run it; idle ≤ 1 % CPU; a new line on screen ≤ 100 ms;
// following 1000 lines/s ≤ 10 % of a core).
//
// The tree is FAKE but real on disk: 1000 service directories with a 20-byte supervise/status
// (packStatus) and supervise/ok + supervise/control FIFOs held open for reading by a helper
// process, so the console sees 1000 supervised services exactly as svstat would (running 1000
// real supervise processes would measure this 2-core box, not the console). The first service
// (`aaa-big`) has a 1 GB log/main/current of TAI64N-labelled lines, cached in bench/out/.
// Every service has been up for 3 days (plus i × 37 s).
//
// Measured in a real terminal: tmux at 120×40, one tmux session per program (svtui through
// bin/svtui.js and its #! line, as users run it; `less -n +G` on the same 1 GB file (-n: without
// it less counts the lines of all 1 GB, seconds, before its first page up); `cat` for the
// terminal's own echo), driven over ONE tmux control-mode connection (bench/tmux-control.js):
// send-keys, then capture-pane (with colours) polled back to back until the pane is exactly the
// screen that key leads to (recorded in a warm-up). Keys alternate directions (? then Esc, j then
// k, PgUp then PgDn, g then G) so every press changes the screen; svtui's and less's presses are
// interleaved, so both see the same load from the rest of the box. A key's time runs from just
// before send-keys to the capture that shows its screen, so it includes the harness's floor: the
// `cat` echo row (the kernel echoes the key; no program at all) is that floor.
//
// Following: a writer process appends TAI64N lines `seq=N` to aaa-big's current at 1000 lines/s
// for 10 s while the console follows it; every 50th line is a marker whose write time the writer
// records (CLOCK_MONOTONIC, shared with this process). A marker is on screen when a capture shows
// it or any later line (at 1000 lines/s a line may scroll past between two polls). The console's
// CPU is utime+stime from /proc/PID/stat over the window. `tail -f` on the same file is the
// reference, measured the same way for 5 s.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './lib.js';
import { TmuxControl, captureCost } from './tmux-control.js';
import { keysWhileSearching } from './console-search.js';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench/out/console');
const tree = join(out, 'tree');
const bigLog = join(tree, 'aaa-big/log/main/current');
const SERVICES = 1000;
const GB = 1 << 30;
/** Services up for days, as on a box that runs: their TIME column changes once an hour. */
const UP_FOR_MS = 3 * 86_400_000;
/** Presses per direction of each key pair (so 2 × PRESSES samples a row). */
const PRESSES = 16;
/** A pause after each screen is seen: a person's keys are tens of ms apart, not back to back. */
const GAP_MS = 40;

export function buildTree(packStatus, timeFromMillis) {
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
export function holdFifos() {
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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function memoryMB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** The tmux sessions, each one program in a 120×40 window, and the connection that drives them. */
class Terminals {
  constructor(env) {
    this.socket = `svtui-bench-${process.pid}`;
    this.env = env;
    spawnSync(
      'tmux',
      [
        '-L',
        this.socket,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-s',
        'ctl',
        '-x',
        '120',
        '-y',
        '40',
        'sleep 3600',
      ],
      { env },
    );
    this.tmux = new TmuxControl(this.socket, 'ctl');
  }

  async open(name, command) {
    await this.tmux.command(`new-session -d -s ${name} -x 120 -y 40 ${quote(command)}`);
  }

  screen(name, escapes = true) {
    return this.tmux.capture(name, escapes);
  }

  async pid(name) {
    return Number((await this.tmux.command(`display-message -p -t ${name} '#{pane_pid}'`)).trim());
  }

  /** Poll until `test(screen)`; ms from `start`. */
  async until(name, test, { start = performance.now(), timeoutMs = 10_000, escapes = false } = {}) {
    for (;;) {
      const s = await this.screen(name, escapes);
      if (test(s)) return performance.now() - start;
      if (performance.now() - start > timeoutMs)
        throw new Error(`${name}: timed out; screen:\n${await this.screen(name, false)}`);
    }
  }

  /** Poll until the screen has not changed for `quietMs`; returns it. */
  async settle(name, quietMs = 300) {
    let last = await this.screen(name);
    let since = performance.now();
    for (;;) {
      await sleep(5);
      const s = await this.screen(name);
      if (s !== last) [last, since] = [s, performance.now()];
      else if (performance.now() - since >= quietMs) return s;
    }
  }

  /** Send one key (a tmux key name, quoted: a bare `?` means something else to tmux). */
  key(name, key) {
    return this.tmux.command(`send-keys -t ${name} ${quote(key)}`);
  }

  /** Send a key; ms until the screen is exactly `want` (NaN past 2 s: the screen went elsewhere). */
  async press(name, key, want) {
    const start = performance.now();
    await this.key(name, key);
    for (;;) {
      const s = await this.screen(name);
      const t = performance.now() - start;
      if (s === want) return t;
      if (t > 2000) return NaN;
    }
  }

  close() {
    this.tmux.close();
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}

function quote(text) {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * Time alternating key pairs, several programs interleaved press by press. `pairs`: per program,
 * [session, keyA, keyB]. A warm-up cycle (two, for a program whose first cycle differs) records
 * the screen each key leads to; then PRESSES cycles are timed.
 */
async function timePairs(terms, pairs) {
  const targets = [];
  for (const [name, a, b] of pairs) {
    const screens = [];
    for (let i = 0; i < 2; i++) {
      await terms.key(name, a);
      screens.push(await terms.settle(name));
      await terms.key(name, b);
      screens.push(await terms.settle(name));
    }
    if (screens[2] === screens[3]) throw new Error(`${name}: ${a} and ${b} show the same screen`);
    targets.push([screens[2], screens[3]]);
  }
  const times = pairs.map(() => []);
  let missed = 0;
  for (let i = 0; i < PRESSES; i++) {
    for (const side of [0, 1]) {
      for (let p = 0; p < pairs.length; p++) {
        const [name] = pairs[p];
        const t = await terms.press(name, pairs[p][1 + side], targets[p][side]);
        if (Number.isNaN(t)) {
          // Something else changed on that screen (a clock rolled over): take it as the target.
          missed++;
          targets[p][side] = await terms.settle(name);
        } else times[p].push(t);
        await sleep(GAP_MS);
      }
    }
  }
  if (missed) console.log(`  (${missed} presses ended on an unexpected screen; not counted)`);
  return times;
}

/** A child process appending `rate` TAI64N lines a second to `file` for `seconds`. */
export function startWriter(file, rate, seconds, every) {
  const script = `
    const fs = require('fs');
    const [file, rate, seconds, every] = process.argv.slice(1).map((a, i) => i ? Number(a) : a);
    const fd = fs.openSync(file, 'a');
    const total = rate * seconds;
    const markers = [];
    let seq = 0;
    const start = process.hrtime.bigint();
    const tick = () => {
      const due = Math.min(total, Math.floor((Number(process.hrtime.bigint() - start) / 1e9) * rate));
      let chunk = '';
      const marked = [];
      for (; seq < due; ) {
        seq++;
        const now = Date.now();
        const label = (2n ** 62n + 10n + BigInt(Math.floor(now / 1000))).toString(16).padStart(16, '0');
        const nano = ((now % 1000) * 1e6).toString(16).padStart(8, '0');
        chunk += '@' + label + nano + ' seq=' + String(seq).padStart(7, '0') + ' follow-bench GET /api/items 200 3ms\\n';
        if (seq % every === 0) marked.push(seq);
      }
      if (chunk) {
        fs.writeSync(fd, chunk);
        const t = process.hrtime.bigint().toString();
        for (const m of marked) markers.push([m, t]);
      }
      if (seq < total) setTimeout(tick, 1);
      else process.stdout.write(JSON.stringify(markers));
    };
    tick();`;
  const child = spawn(process.execPath, ['-e', script, file, rate, seconds, every], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.on('data', (d) => (text += d));
  return new Promise((resolve) =>
    child.on('exit', () => resolve(JSON.parse(text).map(([seq, t]) => ({ seq, at: BigInt(t) })))),
  );
}

/** While `writing` runs, poll the pane for the newest seq= on it; marker latencies in ms. */
async function followLatency(terms, name, writing) {
  const seen = [];
  let done = false;
  const result = writing.then((markers) => {
    done = true;
    return markers;
  });
  while (!done) {
    const s = await terms.screen(name, false);
    const at = process.hrtime.bigint();
    let newest = 0;
    for (const m of s.matchAll(/seq=(\d{7})/g)) newest = Math.max(newest, Number(m[1]));
    seen.push({ at, newest });
    await sleep(1);
  }
  const markers = await result;
  const latencies = [];
  for (const { seq, at } of markers) {
    const first = seen.find((c) => c.at >= at && c.newest >= seq);
    if (first) latencies.push(Number(first.at - at) / 1e6);
  }
  return latencies;
}

/**
 * aaa-big as svtui scan would leave it: an hour of resource history (2 s samples ending now),
 * 300 events and two rules, for the service view (`i`).
 */
async function describeBig() {
  const { ResourceHistoryWriter } = await import(join(root, 'dist/resources/history-file.js'));
  const { encodeEvent } = await import(join(root, 'dist/health/event.js'));
  const supervise = join(tree, 'aaa-big/supervise');
  rmSync(join(supervise, 'svtui-resources'), { force: true });
  const writer = new ResourceHistoryWriter(join(supervise, 'svtui-resources'));
  const now = Math.floor(Date.now() / 1000);
  for (let t = now - 3598, i = 0; t <= now; t += 2, i++)
    writer.append({
      time: t,
      pid: 10000,
      cpuPermille: 200 + ((i * 37) % 600),
      rssKB: 40_000 + i * 10,
      logLinesPerSecond: i % 50,
      restarts: 0,
      checksRun: 3,
      checksFailed: 0,
    });
  writer.close();
  let events = '';
  for (let i = 0; i < 300; i++) {
    const time = new Date((now - 3600 + i * 12) * 1000).toISOString();
    const exit = i % 2 === 0;
    events += encodeEvent({
      time,
      service: 'aaa-big',
      kind: exit ? 'exit' : 'start',
      text: exit ? 'exited 1' : 'started, pid 10000',
      ...(exit ? { code: 1 } : {}),
      pid: 10000,
    });
  }
  writeFileAt(join(supervise, 'svtui-events'), events);
  writeFileAt(
    join(tree, 'aaa-big/monitor'),
    'if cpu > 90% for 3 cycles then restart\nif memory > 500 MB then alert\n',
  );
}

export default async function consoleBench() {
  const { packStatus } = await import(join(root, 'dist/codec/status.js'));
  const { timeFromMillis } = await import(join(root, 'dist/codec/tai64n.js'));
  buildTree(packStatus, timeFromMillis);
  await describeBig();
  const holder = await holdFifos();
  const env = { ...process.env, TZ: 'UTC', LESS: '', LESSHISTFILE: '-' };
  for (const name of ['CI', 'TMUX', 'LESSOPEN', 'LESSCLOSE']) delete env[name];
  const terms = new Terminals(env);
  const began = performance.now();
  try {
    await terms.tmux.ready();
    const pollMs = await captureCost(terms.tmux, 'ctl');

    // First screen: the console launched in an empty pane, until its table and log are drawn.
    await terms.open('sv', 'sleep 3600');
    const launch = `exec ${join(root, 'bin/svtui.js')} ${tree}`;
    // The log pane's tail: aaa-big's lines, or its restart markers (its events are the last hour's,
    // after the cached log's last line).
    const ready = (s) =>
      /1000 services/.test(s) &&
      /svc-0001/.test(s) &&
      /request \d+ GET|aaa-big exited 1, restarted/.test(s);
    const firstScreens = [];
    for (let i = 0; i < 5; i++) {
      // The console of the round before must be gone, not still loading Ink beside the next one.
      const before = i > 0 ? await terms.pid('sv') : 0;
      await terms.tmux.command(`respawn-pane -k -t sv 'sleep 3600'`);
      await terms.until('sv', (s) => !/services/.test(s));
      while (before && existsSync(`/proc/${before}`)) await sleep(5);
      const start = performance.now();
      await terms.tmux.command(`respawn-pane -k -t sv ${quote(launch)}`);
      firstScreens.push(await terms.until('sv', ready, { start }));
    }
    // A key pressed as soon as that screen is there (G: the last service; answered once Ink is in).
    const keyStart = performance.now();
    await terms.key('sv', 'G');
    const firstKey =
      firstScreens.at(-1) +
      (await terms.until('sv', (s) => /svc-0999/.test(s), { start: keyStart }));
    await terms.key('sv', 'g');
    await terms.until('sv', (s) => /svc-0001/.test(s));
    const pid = await terms.pid('sv');
    await terms.open('less', `exec less -n +G ${bigLog}`);
    await terms.open('echo', 'exec cat');
    await terms.until('less', (s) => /request \d+ GET/.test(s));
    await terms.settle('sv');

    const rows = [];
    const row = (name, times, ref) => rows.push({ name, times, ref });
    // ? and Esc beside less paging (a whole new screen each) and the terminal's own echo.
    let [sv, lessPage, echo] = await timePairs(terms, [
      ['sv', '?', 'Escape'],
      ['less', 'PageUp', 'PageDown'],
      ['echo', 'x', 'BSpace'],
    ]);
    const floor = echo;
    row('? help / Esc', sv, { name: 'less PgUp/PgDn', times: lessPage });
    // j/k in the table, among services without a log, beside less's j/k (one line).
    for (let i = 0; i < 5; i++) await terms.key('sv', 'j');
    let lessLine;
    [sv, lessLine] = await timePairs(terms, [
      ['sv', 'j', 'k'],
      ['less', 'k', 'j'],
    ]);
    row('j/k table', sv, { name: 'less j/k', times: lessLine });
    // j/k between aaa-big (its 1 GB log opens at the tail) and the next service.
    await terms.key('sv', 'g');
    [sv] = await timePairs(terms, [['sv', 'j', 'k']]);
    row('j/k onto 1 GB log', sv, { name: 'less j/k', times: lessLine });
    // The service view of aaa-big (an hour of history: six charts, rules, 300 events) and back.
    await terms.key('sv', 'g');
    const [view] = await timePairs(terms, [['sv', 'i', 'Escape']]);
    // The log pane: PgUp/PgDn from the tail, then g (top of 1 GB) / G (the end, following).
    await terms.key('sv', 'g');
    await terms.key('sv', 'Tab');
    await terms.until('sv', (s) => s.includes('following'));
    [sv, lessPage] = await timePairs(terms, [
      ['sv', 'PageUp', 'PageDown'],
      ['less', 'PageUp', 'PageDown'],
    ]);
    row('PgUp/PgDn log', sv, { name: 'less PgUp/PgDn', times: lessPage });
    let lessJump;
    [sv, lessJump] = await timePairs(terms, [
      ['sv', 'g', 'G'],
      ['less', 'g', 'G'],
    ]);
    row('g/G log (1 GB)', sv, { name: 'less g/G', times: lessJump });
    await terms.until('sv', (s) => s.includes('following'));
    const searching = await keysWhileSearching(terms, 'sv', 2 * PRESSES, GAP_MS);
    await terms.key('sv', 'G');
    await terms.until('sv', (s) => s.includes('following'));
    const afterKeys = memoryMB(pid);

    // Following 1000 lines/s: the console, then tail -f as the reference.
    await sleep(500);
    const ticks0 = cpuTicks(pid);
    const t0 = performance.now();
    const svFollow = await followLatency(terms, 'sv', startWriter(bigLog, 1000, 10, 50));
    const followCpu = ((cpuTicks(pid) - ticks0) / 100 / ((performance.now() - t0) / 1000)) * 100;
    const afterFollow = memoryMB(pid);
    await terms.open('tail', `exec tail -f ${bigLog}`);
    await terms.settle('tail');
    const tailFollow = await followLatency(terms, 'tail', startWriter(bigLog, 1000, 5, 50));
    await terms.tmux.command('kill-session -t tail');

    // Idle: nothing changes on the tree or the log. The console gives memory back with one full
    // collection 2 s after its last frame (src/console/idle-gc.ts): idle starts after it.
    await sleep(3000);
    const idleTicks = cpuTicks(pid);
    const idleSeconds = 10;
    await sleep(idleSeconds * 1000);
    const idleCpu = ((cpuTicks(pid) - idleTicks) / 100 / idleSeconds) * 100;
    const end = memoryMB(pid);

    const ms = (v) => `${v.toFixed(1)} ms`;
    const lines = [];
    const add = (what, budget, figure, ref, ratio, pass) =>
      lines.push(
        `  ${what.padEnd(26)}${budget.padEnd(20)}${figure.padEnd(24)}${ref.padEnd(28)}${ratio.padEnd(7)}${pass === undefined ? '' : pass ? 'pass' : 'FAIL'}`,
      );
    add('what', 'budget', 'svtui', 'reference', 'ratio', undefined);
    const first = median(firstScreens);
    add('first screen', '≤ 500 ms', `${ms(first)} (n=5)`, '', '', first <= 500);
    add('first key answered', '', ms(firstKey), 'G pressed at the first screen', '', undefined);
    for (const r of rows) {
      const med = median(r.times);
      const ref = median(r.ref.times);
      const ratio = med / ref;
      add(
        r.name,
        '≤ 20 ms, ≤ 3× less',
        `${med.toFixed(1)} / p90 ${percentile(r.times, 90).toFixed(1)} ms`,
        `${r.ref.name} ${ref.toFixed(1)} / ${percentile(r.ref.times, 90).toFixed(1)}`,
        `${ratio.toFixed(1)}×`,
        med <= 20 && ratio <= 3,
      );
    }
    const vm = median(view);
    add(
      'i service view / Esc',
      '≤ 50 ms',
      `${vm.toFixed(1)} / p90 ${percentile(view, 90).toFixed(1)} ms`,
      'six charts of an hour',
      '',
      vm <= 50,
    );
    const sm = median(searching.times);
    const sx = Math.max(...searching.times);
    add(
      'PgUp/PgDn while counting',
      '≤ 50 ms each',
      `${sm.toFixed(1)} / max ${sx.toFixed(1)} ms`,
      `${searching.times.length} presses, ${searching.restarts} restarts`,
      '',
      searching.times.length > 0 && sx <= 50,
    );
    const fm = median(svFollow);
    const fx = Math.max(...svFollow);
    add(
      'new line, 1000 lines/s',
      '≤ 100 ms',
      `${fm.toFixed(1)} / max ${fx.toFixed(1)} ms`,
      `tail -f ${median(tailFollow).toFixed(1)} / max ${Math.max(...tailFollow).toFixed(1)}`,
      `${(fm / median(tailFollow)).toFixed(1)}×`,
      fx <= 100,
    );
    add(
      'CPU following 1000/s',
      '≤ 10 % of a core',
      `${followCpu.toFixed(1)} %`,
      '',
      '',
      followCpu <= 10,
    );
    add('idle CPU over 10 s', '≤ 1 %', `${idleCpu.toFixed(2)} %`, '', '', idleCpu <= 1);
    const peak = Math.max(afterKeys.hwm, afterFollow.hwm, end.hwm);
    add(
      'resident (VmRSS / VmHWM)',
      '≤ 120 MB',
      `${end.rss.toFixed(1)} / ${peak.toFixed(1)} MB`,
      `after keys ${afterKeys.rss.toFixed(0)}, follow ${afterFollow.rss.toFixed(0)}`,
      '',
      peak <= 120,
    );
    console.log(
      '\nconsole on 1000 services (fake tree, held FIFOs) and a 1 GB current, tmux 120×40, as users run it (bin/svtui.js)',
    );
    console.log(
      `  keys: median / p90 of ${2 * PRESSES} presses (both directions); harness: capture-pane round trip ${pollMs.toFixed(2)} ms, tty echo (cat) ${median(floor).toFixed(1)} / p90 ${percentile(floor, 90).toFixed(1)} ms`,
    );
    console.log(lines.join('\n'));
    console.log(
      `  first screens ${firstScreens.map((t) => t.toFixed(0)).join(' ')} ms; markers seen ${svFollow.length} (tail ${tailFollow.length}); bench ${((performance.now() - began) / 1000).toFixed(0)} s`,
    );
    await terms.key('sv', 'q');
  } finally {
    terms.close();
    holder.kill('SIGTERM');
  }
}
