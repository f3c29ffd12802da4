// Where the console's time goes per key: the console of console.bench.js (1000 services, 1 GB
// log, tmux 120×40) run under `node --cpu-prof`, driven through phases of keys (30 each, 150 ms
// apart) and a 5 s follow of 1000 lines/s; then the profile's self time summed per phase, by
// file and function (bench/cpuprofile.js), in ms per key; and, from bench/console-probe.js, each
// key's time inside the console (read → its last frame written) and frames per key.
//   node bench/console-profile.js [--interval µs (0: no profile)] [node flags for the console…]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTree, holdFifos, startWriter } from './console.bench.js';
import { print, summarize } from './cpuprofile.js';
import { TmuxControl } from './tmux-control.js';

const root = new URL('..', import.meta.url).pathname;
const tree = join(root, 'bench/out/console/tree');
const bigLog = join(tree, 'aaa-big/log/main/current');
const dir = join(root, 'bench/out/console-profile');
const args = process.argv.slice(2);
let interval = 250;
if (args[0] === '--interval') interval = Number(args.splice(0, 2)[1]);
const flags = args.length ? args : ['--max-semi-space-size=2'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint() / 1000n);

const { packStatus } = await import(join(root, 'dist/codec/status.js'));
const { timeFromMillis } = await import(join(root, 'dist/codec/tai64n.js'));
buildTree(packStatus, timeFromMillis);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const holder = await holdFifos();
const socket = `svtui-profile-${process.pid}`;
const env = { ...process.env, TZ: 'UTC' };
delete env.CI;
delete env.TMUX;
const probe = join(dir, 'probe.json');
env.SVTUI_PROBE = probe;
const launch = [
  'exec',
  process.execPath,
  ...flags,
  `--import=${join(root, 'bench/console-probe.js')}`,
  ...(interval > 0
    ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${interval}`]
    : []),
  join(root, 'dist/cli.js'),
  tree,
].join(' ');
spawnSync(
  'tmux',
  [
    '-L',
    socket,
    '-f',
    '/dev/null',
    'new-session',
    '-d',
    '-s',
    'sv',
    '-x',
    '120',
    '-y',
    '40',
    launch,
  ],
  { env },
);
const tmux = new TmuxControl(socket, 'sv');
const key = (k) => tmux.command(`send-keys -t sv '${k}'`);
async function until(test, timeoutMs = 20_000) {
  const start = Date.now();
  while (!test(await tmux.capture('sv'))) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out:\n${await tmux.capture('sv')}`);
    await sleep(2);
  }
}
const phases = [];
let pid = 0;
/** The console's CPU time so far (utime + stime), ms. */
const cpu = () =>
  readFileSync(`/proc/${pid}/stat`, 'utf8')
    .split(') ')[1]
    .split(' ')
    .slice(11, 13)
    .reduce((a, b) => a + Number(b) * 10, 0);
async function phase(name, keys, count = keys.length) {
  const from = now();
  const cpu0 = cpu();
  for (const k of keys) {
    await key(k);
    await sleep(150);
  }
  phases.push({ name, from, to: now(), keys: count, cpuMs: cpu() - cpu0 });
}
try {
  await tmux.ready();
  await until((s) => /svc-0001/.test(s) && /request \d+ GET|aaa-big exited 1, restarted/.test(s));
  // Keys are answered once Ink is in.
  await key('G');
  await until((s) => /svc-0999/.test(s));
  await key('g');
  await until((s) => /svc-0001/.test(s));
  pid = Number(await tmux.command(`display-message -p -t sv '#{pane_pid}'`));
  await sleep(1000);
  const idleFrom = now();
  await sleep(2000);
  phases.push({ name: 'idle 2 s', from: idleFrom, to: now() });
  const times = (n, ...ks) => Array.from({ length: n }, () => ks).flat();
  await phase('? / Esc', times(15, '?', 'Escape'));
  for (let i = 0; i < 5; i++) await key('j');
  await sleep(300);
  await phase('j/k table (no log)', times(15, 'j', 'k'));
  await key('g');
  await sleep(300);
  await phase('j/k onto aaa-big (1 GB log)', times(15, 'j', 'k'));
  await key('g');
  await key('Tab');
  await until((s) => s.includes('following'));
  await phase('PgUp ×30 in the log', times(30, 'PageUp'));
  await phase('PgDn ×30 in the log', times(30, 'PageDown'));
  await phase('g/G in the log', times(10, 'g', 'G'));
  await sleep(500);
  const followFrom = now();
  const followCpu = cpu();
  await startWriter(bigLog, 1000, 5, 50);
  phases.push({
    name: 'follow 1000 lines/s, 5 s',
    from: followFrom,
    to: now(),
    cpuMs: cpu() - followCpu,
  });
  await sleep(500);
  await key('q');
  for (let i = 0; i < 200 && !readdirSync(dir).some((f) => f === 'probe.json'); i++)
    await sleep(50);
  await sleep(500);
} finally {
  tmux.close();
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  holder.kill('SIGTERM');
}
writeFileSync(join(dir, 'phases.json'), JSON.stringify(phases));
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (file) {
  console.log(`profile: ${join(dir, file)}  phases: ${join(dir, 'phases.json')}`);
  print(summarize(JSON.parse(readFileSync(join(dir, file), 'utf8')), phases));
}
// Inside the console: from a key's read to the last write before the next key (or 140 ms on).
const events = JSON.parse(readFileSync(probe, 'utf8'));
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1] ?? NaN;
console.log(
  '\ninside the console (probe): key read → first / last frame written, frames and bytes per key',
);
for (const p of phases.filter((p) => p.keys)) {
  const keys = events.filter((e) => e.kind === 'in' && e.t >= p.from && e.t < p.to);
  const first = [];
  const last = [];
  const frames = [];
  const bytes = [];
  keys.forEach((k, i) => {
    const end = Math.min(keys[i + 1]?.t ?? Infinity, k.t + 140_000);
    const outs = events.filter((e) => e.kind === 'out' && e.t >= k.t && e.t < end);
    if (!outs.length) return;
    first.push((outs[0].t - k.t) / 1000);
    last.push((outs.at(-1).t - k.t) / 1000);
    frames.push(outs.filter((e) => e.frame).length);
    bytes.push(outs.reduce((a, e) => a + e.bytes, 0));
  });
  const f = (v) => median(v).toFixed(1).padStart(6);
  console.log(
    `  ${p.name.padEnd(30)} first ${f(first)} ms  last ${f(last)} ms  frames ${median(frames)}  ${String(median(bytes)).padStart(5)} B  CPU ${(p.cpuMs / p.keys).toFixed(1)} ms/key (/proc)`,
  );
}
const follow = phases.find((p) => p.name.startsWith('follow'));
if (follow) {
  const outs = events.filter(
    (e) => e.kind === 'out' && e.frame && e.t >= follow.from && e.t < follow.to,
  );
  const s = (follow.to - follow.from) / 1e6;
  const bytes = events
    .filter((e) => e.kind === 'out' && e.t >= follow.from && e.t < follow.to)
    .reduce((a, e) => a + e.bytes, 0);
  console.log(
    `  following: ${(outs.length / s).toFixed(0)} frames/s, ${(bytes / s / 1024).toFixed(0)} KB/s to the terminal, CPU ${((follow.cpuMs / 1000 / s) * 100).toFixed(1)} % (/proc)`,
  );
}
