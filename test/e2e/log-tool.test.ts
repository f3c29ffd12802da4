// The log pane's tool keys in a real terminal, on a tree nothing supervises (read-only: the
// console starts no process): multilog directories with a rotated file, an svlogd directory
// with its own stamps, and a restart recorded in a service's events; a service's log grows under
// the merged view. Shown in Europe/Paris, an hour ahead of the UTC the files were stamped in.
import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLabel, timeFromMillis } from '../../src/codec/tai64n.js';
import { cli, haveTools, tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

const T0 = Date.UTC(2013, 2, 18, 19, 8, 40);
const label = (ms: number) => formatLabel(timeFromMillis(ms));
const utc = (ms: number) => new Date(ms).toISOString().replace('T', '_').slice(0, 19);

function makeTree(tree: string): void {
  const service = (name: string, logRun: string) => {
    mkdirSync(join(tree, name, 'log', 'main'), { recursive: true });
    writeFileSync(join(tree, name, 'run'), '#!/bin/sh\nexec sleep 1000\n');
    writeFileSync(join(tree, name, 'log', 'run'), `#!/bin/sh\nexec ${logRun}\n`);
    chmodSync(join(tree, name, 'run'), 0o755);
    chmodSync(join(tree, name, 'log', 'run'), 0o755);
    return join(tree, name, 'log', 'main');
  };
  const lines = (count: number, line: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => `${line(i)}\n`).join('');
  const alpha = service('alpha', 'multilog t ./main');
  const old = (i: number) =>
    `alpha old line ${i}${i === 50 ? ' ERROR disk full' : ''}${i === 120 ? ' needle in the hay' : ''}`;
  writeFileSync(
    join(alpha, `${label(T0 - 1000)}.s`),
    lines(200, (i) => `${label(T0 - 3600_000 + i * 10_000)} ${old(i)}`),
  );
  writeFileSync(
    join(alpha, 'current'),
    lines(
      200,
      (i) => `${label(T0 + i * 10_000)} alpha line ${i}${i % 37 === 0 ? ' warning slow' : ''}`,
    ),
  );
  const beta = service('beta', 'multilog t ./main');
  writeFileSync(
    join(beta, 'current'),
    lines(200, (i) => `${label(T0 + i * 10_000 + 5000)} beta line ${i}`),
  );
  const gamma = service('gamma', 'svlogd -tt ./main');
  writeFileSync(
    join(gamma, 'current'),
    lines(200, (i) => `${utc(T0 + i * 10_000 + 7000)}.12345 gamma svlogd line ${i}`),
  );
  // alpha exited and was restarted between its lines 99 and 100.
  mkdirSync(join(tree, 'alpha', 'supervise'));
  const at = (ms: number) => new Date(ms).toISOString();
  writeFileSync(
    join(tree, 'alpha', 'supervise', 'svtui-events'),
    [
      { time: at(T0 + 995_000), service: 'alpha', kind: 'exit', text: 'exited 1', code: 1 },
      { time: at(T0 + 996_000), service: 'alpha', kind: 'start', text: 'started', pid: 42 },
    ]
      .map((e) => `${JSON.stringify(e)}\n`)
      .join(''),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the screen never changed as expected');
    await sleep(25);
  }
}

describe.skipIf(!haveTools('tmux'))('the log tool in a terminal', () => {
  const dir = tempDir('svtui-e2e-logtool-');
  const tree = join(dir, 'service');
  let term: Terminal;
  /** The log pane's title line. */
  const title = () => /^▶ log .*$/m.exec(term.text())?.[0] ?? '';
  /** Esc alone (a key right after it would read as Alt+key). */
  const escape = async () => {
    term.keys('Escape');
    await sleep(150);
  };

  beforeAll(async () => {
    makeTree(tree);
    term = new Terminal([process.execPath, cli], {
      columns: 120,
      rows: 40,
      env: { SVDIR: tree, TZ: 'Europe/Paris', NO_COLOR: undefined },
    });
    term.command('set-option', '-g', 'set-clipboard', 'on');
    await term.waitFor(/^gamma /m, 15000);
    term.keys('Tab');
    await term.waitFor(/^▶ log alpha\/log\/main/m);
  });
  afterAll(() => term?.close());

  it('/ finds a word in the rotated file, highlights it and counts it', async () => {
    term.type('/needle');
    await term.waitFor('/needle▏');
    term.keys('Enter');
    const screen = await term.waitFor(/\/needle hit 1 of 1 /);
    expect(screen).toMatch(/^2013-03-18 19:28:40\.000000000 alpha old line 120 needle in the hay/m);
    // eslint-disable-next-line no-control-regex
    expect(term.ansi()).toMatch(/\x1b\[[\d;]*7m(\x1b\[[\d;]*m)*needle/);
    term.keys('n');
    await term.waitFor('no more hits for needle below');
    term.keys('N');
    await term.waitFor('no more hits for needle above');
    await escape();
    await until(() => !title().includes('/needle'));
  });

  it('& hides the other lines and says how many, counted over both files', async () => {
    term.type('&warning');
    term.keys('Enter');
    await term.waitFor(/1 filter · 394 hidden · /);
    // The six warnings, and the restart among them (markers are not log lines: never hidden).
    const body = term
      .text()
      .split('\n')
      .filter((l) => l.startsWith('2013-') && !l.includes('──'));
    expect(body).toHaveLength(6);
    expect(term.text()).toContain('── alpha exited 1, restarted ──');
    // The list: the filter switched off shows every line again, and stays listed.
    term.keys('F');
    await term.waitFor(/^ {2}\[x\] show {2}warning/m);
    term.keys('Space');
    await term.waitFor(/^ {2}\[ \] show {2}warning/m);
    await escape();
    await until(() => title().includes('following') && !title().includes('hidden'));
    for (const row of body) expect(row).toContain('warning slow');
    term.type('&');
    term.keys('Enter');
    await until(() => !title().includes('filter'));
  });

  it(': lands on the first line at a time typed in the active zone; a bad time says why', async () => {
    term.type(':2013-03-18 20:10');
    term.keys('Enter');
    await term.waitFor(/^▶ log alpha\/log\/main.*\n2013-03-18 20:10:00\.000000000 alpha line 8$/m);
    term.type(':half past nine');
    term.keys('Enter');
    await term.waitFor(/jump to \(Europe\/Paris\): half past nine▏ +not a time/);
    await escape();
  });

  it('E steps back to the error in the rotated file', async () => {
    term.keys('E');
    const screen = await term.waitFor('alpha old line 50 ERROR disk full');
    expect(screen).toMatch(/^2013-03-18 19:17:00\.000000000 alpha old line 50 ERROR disk full/m);
    term.keys('e');
    await term.waitFor('no more errors below');
    term.keys('w');
    await term.waitFor(/^2013-03-18 20:08:40\.000000000 alpha line 0 warning slow$/m);
    term.keys('W');
    await term.waitFor('no more warnings above');
  });

  it("shows the service's restart as a marker line among its lines", async () => {
    term.type(':2013-03-18 20:25');
    term.keys('Enter');
    const screen = await term.waitFor('alpha exited 1, restarted');
    expect(screen).toMatch(
      /alpha line 99\n2013-03-18 20:25:15\.000000000 ── alpha exited 1, restarted ──\n.*alpha line 100/,
    );
    term.keys('G');
    await term.waitFor(/following · Europe\/Paris/);
  });

  it('M interleaves the services by time, each named, svlogd stamps decoded in the zone', async () => {
    term.keys('M');
    const screen = await term.waitFor(/log 3 services merged/);
    expect(screen).toMatch(
      /^alpha 2013-03-18 20:41:50\.000000000 alpha line 199\nbeta {2}2013-03-18 20:41:55\.000000000 beta line 199\ngamma 2013-03-18 20:41:57\.12345 gamma svlogd line 199$/m,
    );
  });

  it('& filters the merged view: every service, the hidden lines counted, paged and followed', async () => {
    term.type('&line 19[0-9]$');
    term.keys('Enter');
    // 40 lines pass (alpha's rotated file and current, beta, gamma's svlogd lines) of 800.
    await term.waitFor(/log 3 services merged.*1 filter · 760 hidden/);
    const body = () =>
      term
        .text()
        .split('\n')
        .filter((l) => /^(alpha|beta|gamma) +20\d\d-/.test(l) && !l.includes('──'));
    await until(() => body().at(-1)?.endsWith('gamma svlogd line 199') === true);
    expect(body().every((l) => / line 19\d$/.test(l))).toBe(true);
    expect(body().some((l) => l.startsWith('beta '))).toBe(true);
    // The top: alpha's rotated lines come first; its restart, a marker line, is never hidden.
    term.keys('g');
    await until(() => body()[0]?.endsWith('alpha old line 190') === true);
    expect(term.text()).toContain('── alpha exited 1, restarted ──');
    expect(body().every((l) => / line 19\d$/.test(l))).toBe(true);
    term.keys('G');
    await until(
      () => title().includes('following') && body().at(-1)?.endsWith('line 199') === true,
    );
    // Still the whole count, frames later: no late report of a directory's count moved it.
    expect(title()).toMatch(/1 filter · 760 hidden/);
    // New lines are counted on: beta writes one the filter hides and one it shows (followed).
    appendFileSync(
      join(tree, 'beta/log/main/current'),
      `${label(T0 + 2_001_000)} beta line 200\n${label(T0 + 2_002_000)} beta late line 198\n`,
    );
    await term.waitFor(/1 filter · 761 hidden/);
    await until(() => body().at(-1)?.endsWith('beta late line 198') === true);
    term.type('&');
    term.keys('Enter');
    await until(() => !title().includes('filter'));
  });

  it('y puts the shown lines on the clipboard with OSC 52', async () => {
    term.keys('y');
    await term.waitFor(/copied \d+ lines to the terminal's clipboard/);
    const buffer = term.command('show-buffer');
    expect(buffer).toContain('gamma 2013-03-18 20:41:57.12345 gamma svlogd line 199\n');
    expect(buffer).toContain('beta 2013-03-18 20:41:55.000000000 beta line 199\n');
  });

  it('Esc leaves the merged view', async () => {
    await escape();
    await term.waitFor(/^▶ log alpha\/log\/main/m);
  });

  it('Y saves the shown lines; a second time it asks before writing over the file', async () => {
    const file = join(dir, 'saved.log');
    term.type(`Y${file}`);
    term.keys('Enter');
    await term.waitFor(`saved 30 lines to ${file}`);
    const saved = readFileSync(file, 'utf8').split('\n');
    expect(saved.at(-2)).toBe('2013-03-18 20:41:50.000000000 alpha line 199');
    term.type(`Y${file}`);
    term.keys('Enter');
    await term.waitFor(`${file} exists: write over it? y/n`);
    term.keys('n');
    await term.waitFor(`${file}: kept, nothing saved`);
  });
});
