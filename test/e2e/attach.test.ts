// The console attached to the real daemontools svscan, in a real terminal (tmux, 120×40): the
// table, the log pane, every key on real processes, zones, and a service whose output tries to
// retitle and clear the terminal.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, waitFor } from '../support/processes.js';
import { canRunAsOtherUser, installForOtherUsers } from '../support/other-user.js';
import { cli, haveTools, runSync, tempDir } from '../support/tools.js';
import { Terminal } from './tmux.js';

const ready = haveTools('svscan', 'supervise', 'svstat', 'svok', 'multilog', 'tmux');

function service(
  root: string,
  name: string,
  run: string,
  options: { down?: boolean; log?: boolean } = {},
) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run'), `#!/bin/sh\nexec 2>&1\n${run}\n`);
  chmodSync(join(dir, 'run'), 0o755);
  if (options.down) writeFileSync(join(dir, 'down'), '');
  if (options.log !== false) {
    mkdirSync(join(dir, 'log'), { recursive: true });
    writeFileSync(join(dir, 'log/run'), '#!/bin/sh\nexec multilog t ./main\n');
    chmodSync(join(dir, 'log/run'), 0o755);
  }
  return dir;
}

function svstat(dir: string): string {
  return runSync(['svstat', dir], { encoding: 'utf8' }).stdout.toString().trim();
}

function pidOf(dir: string): number {
  const m = /\(pid (\d+)\)/.exec(svstat(dir));
  return m ? Number(m[1]) : 0;
}

describe.skipIf(!ready)('console attached to daemontools svscan', () => {
  const root = tempDir('svtui-e2e-attach-');
  const tree = join(root, 'service');
  let term: Terminal;
  afterAll(() => term?.close());

  beforeAll(async () => {
    mkdirSync(tree);
    service(
      tree,
      'alpha',
      'seq 1 200 | sed "s/^/alpha backlog /"; n=0; while :; do n=$((n+1)); echo "alpha tick $n"; sleep 0.2; done',
    );
    service(tree, 'beta', 'echo "beta started"; exec sleep 1000', { down: true });
    service(
      tree,
      'evil',
      `printf 'evil \\033]0;PWNED\\007\\033[2J\\033[H cleared?\\n'; exec sleep 1000`,
    );
    startProcess('svscan', [tree], { cwd: root }); // stopped by pid when the file ends
    await waitFor(
      () =>
        /up \(pid/.test(svstat(join(tree, 'alpha'))) && /up \(pid/.test(svstat(join(tree, 'evil'))),
      8000,
    );
    await waitFor(() => runSync(['svok', join(tree, 'beta')]).status === 0, 8000);
    term = new Terminal([process.execPath, cli, tree], {
      columns: 120,
      rows: 40,
      env: {
        TZ: 'Asia/Kolkata',
        NO_COLOR: undefined,
        SVTUI_FULL_REDRAW: process.env.SVTUI_FULL_REDRAW,
      },
    });
    await term.waitFor('alpha tick');
  });

  it('shows every service, attached, with svstat’s pids and the zone', async () => {
    const screen = await term.waitFor(/^beta +down/m);
    expect(screen).toMatch(/^svtui attached · .* · 3 services(: .*)? +zone Asia\/Kolkata$/m);
    expect(screen).toMatch(new RegExp(`^alpha +up +${pidOf(join(tree, 'alpha'))} `, 'm'));
    expect(screen).toMatch(/^beta +down .* down +down /m);
    // The log's path is shown relative to the tree, whatever the working directory.
    expect(screen).toContain('log alpha/log/main ');
  });

  it('follows new lines as they are written', async () => {
    const first = /alpha tick (\d+)/g;
    const before = Math.max(...[...term.text().matchAll(first)].map((m) => Number(m[1])));
    await term.waitFor(new RegExp(`alpha tick ${before + 3}\\b`), 3000);
  });

  it('no log byte retitles or clears the terminal', async () => {
    term.keys('G'); // last row: evil
    const screen = await term.waitFor(/evil\/log\/main /);
    expect(screen).toMatch(/evil .*cleared\?/);
    expect(screen).toMatch(/^(▶ )?SERVICE/m); // the table is still there: nothing cleared the screen
    expect(term.title()).not.toContain('PWNED');
    expect(term.ansi()).not.toContain('\x1b]0;PWNED'); // shown as text, never as a sequence
    term.keys('g'); // back to the first row
    await term.waitFor(/alpha\/log\/main /);
  });

  it('z moves every printed time by the zone’s offset (Asia/Kolkata → UTC: −5:30)', async () => {
    const pick = (screen: string) => {
      const m = /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9}) alpha backlog (\d+)/.exec(screen);
      if (!m) throw new Error(`no tick line in\n${screen}`);
      return { time: m[1]!, tick: m[2]! };
    };
    term.keys('Tab', 'g'); // the log pane, at the top: lines stay put while we compare
    const top = pick(await term.waitFor(/ top · Asia\/Kolkata/));
    term.keys('z');
    const screen = await term.waitFor(/ top · UTC/);
    const again = new RegExp(
      `(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9}) alpha backlog ${top.tick}\\b`,
    ).exec(screen);
    expect(again).not.toBeNull();
    const kolkata = Date.parse(top.time.replace(' ', 'T').slice(0, 23) + 'Z');
    const utc = Date.parse(again![1]!.replace(' ', 'T').slice(0, 23) + 'Z');
    expect(kolkata - utc).toBe(5.5 * 3600_000);
    expect(screen).toMatch(/zone UTC$/m);
    term.keys('z');
    await term.waitFor(/zone Asia\/Kolkata$/m);
  });

  it('PgUp pages back, G resumes following, Tab returns to the table', async () => {
    term.keys('G');
    await term.waitFor(/ following · /);
    term.keys('PageUp');
    await term.waitFor(/ (\d+%|top) · /);
    term.keys('G', 'Tab');
    await term.waitFor(/ following · /);
  });

  it('keeps each service’s place in its log when you switch away and back', async () => {
    term.keys('Tab', 'g');
    await term.waitFor(/alpha\/log\/main .* top · /);
    term.keys('Tab', 'j');
    await term.waitFor(/beta\/log\/main .* following · /);
    term.keys('k');
    const screen = await term.waitFor(/alpha\/log\/main .* top · /);
    expect(screen).toMatch(/alpha backlog 1$/m);
    term.keys('Tab', 'G', 'Tab');
    await term.waitFor(/alpha\/log\/main .* following · /);
  });

  it('u brings a down service up, and says so', async () => {
    term.keys('j'); // beta
    await term.waitFor(/beta\/log\/main /);
    term.keys('u');
    const screen = await term.waitFor(/beta: up sent; up as pid \d+/);
    const pid = Number(/up as pid (\d+)/.exec(screen)![1]);
    expect(pidOf(join(tree, 'beta'))).toBe(pid);
    await term.waitFor(/beta started/);
  });

  it('d asks first; y takes it down', async () => {
    term.keys('d');
    await term.waitFor(/beta: down \(svc -d: .*\)\? y\/n/);
    expect(svstat(join(tree, 'beta'))).toMatch(/: up /);
    term.keys('y');
    await term.waitFor(/beta: down sent \(TERM, CONT\); down after/);
    expect(svstat(join(tree, 'beta'))).toMatch(/: down /);
  });

  it('Enter opens the svc menu; t then y restarts alpha with a new pid', async () => {
    term.keys('k'); // alpha
    await term.waitFor(/alpha\/log\/main /);
    const before = pidOf(join(tree, 'alpha'));
    term.keys('Enter');
    await term.waitFor(/svc on alpha: /);
    term.keys('t');
    await term.waitFor(/alpha: term \(svc -t: .*\)\? y\/n/);
    term.keys('y');
    const screen = await term.waitFor(
      /alpha: TERM sent; it exited and is back up as pid \d+ after \d+\.\d s/,
    );
    const after = Number(/back up as pid (\d+)/.exec(screen)![1]);
    expect(after).not.toBe(before);
    expect(pidOf(join(tree, 'alpha'))).toBe(after);
  });

  it('h then y on a service that dies on HUP: the outcome waits for the restart', async () => {
    const before = pidOf(join(tree, 'alpha'));
    term.keys('Enter');
    await term.waitFor(/svc on alpha: /);
    term.keys('h');
    await term.waitFor(/alpha: hup \(svc -h: .*\)\? y\/n/i);
    term.keys('y');
    const screen = await term.waitFor(/alpha: HUP sent; it exited and is back up as pid \d+/);
    const after = Number(/back up as pid (\d+)/.exec(screen)![1]);
    expect(after).not.toBe(before);
    expect(pidOf(join(tree, 'alpha'))).toBe(after);
    expect(screen).not.toMatch(/HUP sent; .*down/);
  });

  it('menu letters p and c pause and continue', async () => {
    term.keys('Enter', 'p', 'y');
    await term.waitFor(/alpha: STOP sent; paused/);
    expect(svstat(join(tree, 'alpha'))).toMatch(/paused/);
    term.keys('Enter', 'c');
    await term.waitFor(/alpha: CONT sent; running/);
    expect(svstat(join(tree, 'alpha'))).not.toMatch(/paused/);
  });

  it('? shows the help; Esc closes it', async () => {
    term.keys('?');
    await term.waitFor(/svc letters/);
    term.keys('Escape');
    await term.waitFor(/^(▶ )?SERVICE/m);
  });

  it('/ filters by name', async () => {
    term.keys('/');
    term.type('ev');
    const screen = await term.waitFor(/filter \/ev/);
    await term.waitFor(/^evil +up/m);
    expect(term.text()).not.toMatch(/^alpha +up/m);
    void screen;
    term.keys('Escape');
    await term.waitFor(/^alpha +up/m);
  });

  it.skipIf(!canRunAsOtherUser('runuser'))(
    'as another user (nobody): attaches read-only and says so instead of sending',
    async () => {
      chmodSync(root, 0o755);
      // nobody runs a world-readable copy: the checkout may sit where it cannot reach.
      const install = installForOtherUsers();
      const argv = ['runuser', '-u', 'nobody', '--', process.execPath, install.cli, tree];
      const guest = new Terminal(argv, { columns: 120, rows: 40, cwd: install.dir });
      try {
        await guest.waitFor(/^svtui attached read-only · /m);
        await guest.waitFor(/^alpha +no access +/m);
        expect(guest.text()).not.toMatch(/\berror\b|unable to open supervis/);
        guest.keys('u');
        await guest.waitFor('alpha: read-only: no permission to control');
        expect(svstat(join(tree, 'alpha'))).toMatch(/: up /);
      } finally {
        guest.close();
        install.remove();
      }
    },
  );

  it('NO_COLOR: no colour at all, the selected row still shown (inverse)', async () => {
    const plain = new Terminal([process.execPath, cli, tree], {
      columns: 80,
      rows: 24,
      env: { NO_COLOR: '1' },
    });
    try {
      await plain.waitFor(/^alpha +up/m);
      await plain.waitFor(/alpha (tick|backlog)/);
      const ansi = plain.ansi();
      // No foreground colour code (30–38, 90–97); 39 is the default colour, not a colour.
      expect(ansi).not.toMatch(/\x1b\[(?:\d+;)*(?:3[0-8]|9[0-7])(?:;\d+)*m/); // eslint-disable-line no-control-regex
      expect(ansi).toMatch(/\x1b\[(?:\d+;)*7(?:;\d+)*m/); // eslint-disable-line no-control-regex
    } finally {
      plain.close();
    }
  });

  it('SIGTERM: the console restores the screen and exits; the services keep running', async () => {
    const other = new Terminal([process.execPath, cli, tree], { columns: 80, rows: 24 });
    try {
      await other.waitFor(/^alpha +up/m);
      process.kill(other.programPid(), 'SIGTERM');
      const screen = await other.waitFor(/\[exited 0\]/);
      expect(screen).not.toMatch(/^(▶ )?SERVICE/m);
      expect(svstat(join(tree, 'alpha'))).toMatch(/: up /);
    } finally {
      other.close();
    }
  });

  it('q quits, restores the screen and leaves the services running', async () => {
    const pid = pidOf(join(tree, 'alpha'));
    term.keys('q');
    await term.waitFor(/\[exited 0\]/);
    expect(term.text()).not.toMatch(/^(▶ )?SERVICE/m);
    expect(pidOf(join(tree, 'alpha'))).toBe(pid);
  });
});
