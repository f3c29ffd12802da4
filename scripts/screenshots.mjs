// `npm run screenshots`: PNGs of the real console on the bundled example tree (embedded mode),
// at 120×40 and 80×24 — the table with logs, the svc menu, the help, the zone switched, and the
// table sorted by CPU with a failing check (a `monitor` rule added to the scratch copy's
// `steady`: a port nothing listens on) and two services marked, the service view of `crashy`
// (`i`: charts, rules and events; its own rules added to the scratch copy) and its log opened at
// an exit (Enter on the exit event). Names on the command line take only those shots
// (`node scripts/screenshots.mjs service log-at-exit`). Each is a
// real run in tmux: keys sent with send-keys, the screen read with `capture-pane -e -p`, turned
// into HTML by screenshots-html.mjs and into a PNG by headless Chromium. Needs tmux, chromium
// (apt-get install -y chromium) and a build (npm run build); CI does not run it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ansiToHtml } from './screenshots-html.mjs';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const outDir = join(root, 'screenshots');
const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find(
  (name) => spawnSync('which', [name]).status === 0,
);
if (!chromium) fail('chromium is missing (apt-get install -y chromium)');
if (spawnSync('which', ['tmux']).status !== 0) fail('tmux is missing');
if (!existsSync(join(root, 'dist/cli.js'))) fail('no dist/: run npm run build first');

function fail(message) {
  process.stderr.write(`screenshots: ${message}\n`);
  process.exit(1);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function shoot(columns, rows) {
  const work = mkdtempSync(join(tmpdir(), 'svtui-shots-'));
  const tree = join(work, 'examples/service');
  // The tree as committed: not the supervise/ and log/main/ a local `npm start` leaves behind.
  const source = join(root, 'examples/service');
  cpSync(source, tree, {
    recursive: true,
    filter: (path) => !/\/(supervise|main)(\/|$)/.test(path.slice(source.length)),
  });
  // A check that fails, judged every 2 s, so HEALTH and the summary's alert have something to say.
  mkdirSync(join(tree, '.svtui'), { recursive: true });
  writeFileSync(join(tree, '.svtui/monitrc'), 'set daemon 2\n');
  writeFileSync(join(tree, 'steady/monitor'), 'if failed port 1 then alert\n');
  // Rules for crashy, so the health engine records its starts and exits for the service view.
  writeFileSync(
    join(tree, 'crashy/monitor'),
    'if memory > 200 MB then restart\nif 5 restarts within 10 cycles then alert\n',
  );
  const socket = `svtui-shots-${process.pid}-${columns}`;
  const tmux = (...args) => {
    const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr}`);
    return r.stdout;
  };
  const screen = () => tmux('capture-pane', '-p');
  const until = async (pattern, timeoutMs = 15000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(screen())) {
      if (Date.now() > deadline) throw new Error(`never saw ${pattern}:\n${screen()}`);
      await sleep(50);
    }
  };
  // One key at a time: ESC followed at once by a letter reads as Alt+letter.
  const keys = async (...names) => {
    for (const name of names) {
      tmux('send-keys', name);
      await sleep(120);
    }
  };
  const save = (name) => {
    if (only.length > 0 && !only.includes(name)) return;
    const ansi = tmux('capture-pane', '-e', '-p');
    const html = join(work, `${name}.html`);
    writeFileSync(html, ansiToHtml(ansi, { columns, rows, title: name }));
    const png = join(outDir, `${name}-${columns}x${rows}.png`);
    const width = Math.ceil(columns * 8.43) + 24;
    const height = rows * 17 + 20;
    const r = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--hide-scrollbars',
        `--screenshot=${png}`,
        `--window-size=${width},${height}`,
        `file://${html}`,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0 || !existsSync(png)) throw new Error(`chromium failed: ${r.stderr}`);
    console.log(`  ${png}`);
  };
  const env = { ...process.env, TZ: 'Europe/Berlin' };
  delete env.CI;
  delete env.TMUX;
  delete env.NO_COLOR;
  try {
    // As `npm start` runs it: the relative path examples/service (here in a scratch copy).
    const command = `cd ${work} && exec ${process.execPath} ${join(root, 'bin/svtui.js')} examples/service --tz Asia/Tokyo`;
    spawnSync(
      'tmux',
      [
        '-L',
        socket,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-x',
        String(columns),
        '-y',
        String(rows),
        command,
      ],
      { env },
    );
    tmux('set-option', '-g', 'default-terminal', 'xterm-256color');
    await until(/^steady +up/m);
    await sleep(14000); // Let the logs fill and crashy fail once.
    tmux('send-keys', 'j'); // crashy: a restart and its last exit
    await until(/crashy: /);
    await sleep(500);
    save('console');
    tmux('send-keys', 'Enter');
    await until(/svc on crashy/);
    save('menu');
    await keys('Escape', '?');
    await until(/svc letters/);
    save('help');
    await keys('Escape', 'k', 'z', 'z');
    await until(/zone Asia\/Tokyo/);
    await sleep(300);
    save('zone');
    await keys('z', '>', '>', '>', '>', 'Space', 'Space');
    await until(/· 2 marked/);
    await until(/failing 1\/1|fail 1\/1/);
    await sleep(2500); // a sweep of CPU figures
    save('resources');
    await keys('U', '/', 'c', 'r', 'a', 's', 'h', 'y', 'Enter', 'i');
    await until(/^ +\d\d:\d\d:\d\d +exit +exited 1/m);
    await sleep(300);
    save('service');
    // The exit event (the events are newest first), then Enter: the log before that exit.
    const shown = screen().split('\n');
    const exit = shown.findIndex((l) => /^ +\d\d:\d\d:\d\d +exit /.test(l));
    const first = shown.findIndex((l) => l.startsWith('events · newest first'));
    for (let i = first + 1; i < exit; i++) await keys('j');
    await keys('Enter');
    await until(/▶ log crashy/);
    await sleep(300);
    save('log-at-exit');
    await keys('Escape', 'Tab');
    tmux('send-keys', 'q');
    await until(/Stop every service/);
    tmux('send-keys', 'y');
    await sleep(3000);
  } finally {
    // The console is embedded: a hang-up alone leaves it supervising, headless. Stop it by pid.
    const pane = spawnSync('tmux', ['-L', socket, 'display-message', '-p', '#{pane_pid}'], {
      encoding: 'utf8',
    });
    const pid = Number(pane.stdout.trim());
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    if (pid > 1) await stopByPid(pid);
    rmSync(work, { recursive: true, force: true });
  }
}

/** TERM, then KILL after 15 s: a console that was not quit with q and y stops its services. */
async function stopByPid(pid) {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; alive() && waited < 15000; waited += 100) await sleep(100);
  if (alive()) process.kill(pid, 'SIGKILL');
}

mkdirSync(outDir, { recursive: true });
console.log('screenshots of the example tree, embedded:');
await shoot(120, 40);
await shoot(80, 24);
