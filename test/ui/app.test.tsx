// The whole console at fixed sizes with a fixed clock: layout, every key's effect, overlays.
import { afterEach, describe, expect, it } from 'vitest';
import { down, FakeSource, fixedSource, id, NOW, up } from '../console/fake-source.js';
import { keys, type Screen } from './harness.js';
import { mountConsole, shownLog } from './mount.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

async function mount(
  columns: number,
  rows: number,
  overrides: {
    mode?: 'attached' | 'embedded';
    readOnly?: boolean;
    why?: string;
    source?: FakeSource;
  } = {},
) {
  const access = {
    mode: overrides.mode ?? 'attached',
    readOnly: overrides.readOnly ?? false,
    ...(overrides.readOnly
      ? {
          why: {
            code: overrides.why ? ('unsupervised' as const) : ('no-permission' as const),
            text: overrides.why ?? 'no permission to control',
          },
        }
      : {}),
  };
  const mounted = await mountConsole(columns, rows, {
    access,
    ...(overrides.source ? { source: overrides.source } : {}),
  });
  screen = mounted.screen;
  return mounted;
}

describe('console layout', () => {
  it('at 120×40 shows the zone, the sorted table, the log and the key hints in rows - 1 lines', async () => {
    const { screen, source } = await mount(120, 40);
    const lines = screen.lines();
    expect(lines).toHaveLength(39);
    expect(lines[0]).toMatch(/^svtui attached · \/t · 3 services +zone Etc\/UTC$/);
    expect(lines[1]).toBe('2 up · 1 down · 0 failing · 0 unmonitored · no alerts');
    expect(lines[2]).toMatch(
      /^▶ SERVICE +STATE +PID +TIME +CPU% +MEM +HEALTH +NORM +WANT +RST +LAST EXIT +LOG/,
    );
    // RST: nothing known of alpha's restarts (no record, none seen); beta's record says 3.
    // CPU%, MEM and HEALTH: this source has not measured nor looked yet (… until it does).
    expect(lines[3]).toMatch(/^alpha +up +4412 +2h00m +… +… +… +up +up +-/);
    expect(lines[4]).toMatch(/^beta +up +977 +3s +… +… +… +up +up +3 +exit 1/);
    expect(lines[5]).toMatch(/^gamma +down +1m00s +… +down +down +-/);
    expect(lines.join('\n')).toContain('2026-11-23 12:00:01.000000000 world');
    expect(lines.join('\n')).toContain('log alpha/log/main ');
    expect(lines.at(-1)).toContain('? help');
    expect(shownLog(screen)).toBe('alpha');
    expect(source.interest).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('NO_COLOR: a ▶ marks the pane that has the keys, and moves with Tab', async () => {
    const { screen } = await mount(80, 24);
    const title = () => screen.lines().find((l) => / log alpha\//.test(l)) ?? '';
    expect(screen.lines()[2]).toMatch(/^▶ SERVICE +STATE/);
    expect(title()).toMatch(/^─ log /);
    await screen.type(keys.tab);
    expect(screen.lines()[2]).toMatch(/^SERVICE +STATE/);
    expect(title()).toMatch(/^▶ log /);
    expect(screen.lines().every((l) => l.length <= 80)).toBe(true);
  });

  it('at 80×24 fits every line in 80 columns and 23 rows', async () => {
    const { screen } = await mount(80, 24);
    const lines = screen.lines();
    expect(lines).toHaveLength(23);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toContain('zone Etc/UTC');
    expect(lines[3]).toMatch(/^alpha +up +4412/);
  });

  it('at 40×15 still fits, dropping trailing columns', async () => {
    const { screen } = await mount(40, 15);
    const lines = screen.lines();
    expect(lines).toHaveLength(14);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines[1]).toBe('2 up · 1 down · 0 fail · 0 unmon · no a…');
    expect(lines[3]).toMatch(/^alpha +up/);
  });

  it('follows a resize', async () => {
    const { screen } = await mount(120, 40);
    await screen.resize(80, 24);
    expect(screen.lines()).toHaveLength(23);
  });
});

describe('console keys', () => {
  it('j and k move the selection; g and G jump to the ends', async () => {
    const { screen } = await mount(120, 40);
    await screen.type('j');
    expect(shownLog(screen)).toBe('beta');
    await screen.type('G');
    expect(shownLog(screen)).toBe('gamma');
    await screen.type('k');
    expect(shownLog(screen)).toBe('beta');
    await screen.type(keys.up);
    expect(shownLog(screen)).toBe('alpha');
  });

  it('z cycles the zones and the header names the active one', async () => {
    const { screen } = await mount(120, 40);
    await screen.type('z');
    expect(screen.lines()[0]).toMatch(/zone UTC$/);
    await screen.type('z');
    expect(screen.lines()[0]).toMatch(/zone Asia\/Kolkata$/);
    expect(screen.frame()).toContain('following · Asia/Kolkata');
    await screen.type('z');
    expect(screen.lines()[0]).toMatch(/zone Etc\/UTC$/);
  });

  it('? lists every key and every svc letter; Esc closes it', async () => {
    const { screen } = await mount(120, 40);
    await screen.type('?');
    const help = screen.frame();
    for (const word of [
      'up',
      'down',
      'once',
      'pause',
      'continue',
      'hup',
      'alarm',
      'interrupt',
      'term',
      'kill',
      'exit',
    ])
      expect(help).toMatch(new RegExp(`\\b${word}\\b`));
    for (const key of ['Tab', 'PgUp PgDn', 'Enter', '/', 'Esc']) expect(help).toContain(key);
    await screen.type(keys.escape);
    expect(screen.frame()).toContain('SERVICE');
  });

  it('help fits at 80×24', async () => {
    const { screen } = await mount(80, 24);
    await screen.type('?');
    const lines = screen.lines();
    expect(lines).toHaveLength(23);
    expect(screen.frame()).toContain('x* exit');
    expect(screen.frame()).toContain('supervisor exits when down');
    // The letter column: the y/n mark by the letter and every brief in one column, even after
    // the longest name (interrupt); the closing note under the letters, every key on the left.
    const right = lines.slice(1, 20).map((l) => l.slice(40));
    const letterLines = right.filter((l) => /^[a-z][* ] [a-z]+ +\S/.test(l));
    expect(letterLines).toHaveLength(11);
    for (const l of letterLines) expect(l.slice(12, 14)).toMatch(/^ \S/);
    expect(right).toContain('i* interrupt INT: interrupt');
    expect(right).toContain('Esc or ? closes this help.');
    for (const key of ['Space U', '< > I', '^Z ^L']) expect(screen.frame()).toContain(key);
    // Nothing cut: no line ends in the ellipsis fit() leaves.
    expect(lines.filter((l) => l.includes('…'))).toEqual([]);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
  });

  it('every screen at 80×24 keeps its key hints whole (? help and q quit on screen)', async () => {
    const { screen } = await mount(80, 24, { mode: 'embedded' });
    expect(screen.lines().at(-1)).toMatch(/\? help · q quit$/);
    await screen.type(keys.enter);
    expect(screen.lines().at(-1)).not.toContain('…');
    await screen.type(keys.escape);
    await screen.type('q');
    expect(screen.lines().at(-1)).not.toContain('…');
    expect(screen.lines().at(-2)).toContain('Stop every service and quit? y/n');
  });

  it('u sends up at once; d asks first and n sends nothing', async () => {
    const { screen, source } = await mount(120, 40);
    await screen.type('u');
    expect(source.controls).toEqual([{ id: 'alpha', letter: 'u' }]);
    await screen.type('d');
    expect(screen.frame()).toContain('alpha: down (svc -d');
    await screen.type('n');
    expect(source.controls).toHaveLength(1);
    expect(screen.frame()).toContain('alpha: cancelled, nothing sent');
    await screen.type('d');
    await screen.type('y');
    expect(source.controls.at(-1)).toEqual({ id: 'alpha', letter: 'd' });
  });

  it('Enter opens the menu of every letter; a destructive one asks y/n', async () => {
    const { screen, source } = await mount(120, 40);
    await screen.type('j');
    await screen.type(keys.enter);
    const menu = screen.frame();
    for (const l of 'udopchaitkx') expect(menu).toMatch(new RegExp(`^  ${l}  `, 'm'));
    await screen.type('t');
    expect(screen.frame()).toContain('beta: term (svc -t');
    await screen.type('y');
    expect(source.controls).toEqual([{ id: 'beta', letter: 't' }]);
  });

  it('in the menu k is kill, not a move', async () => {
    const { screen, source } = await mount(120, 40);
    await screen.type(keys.enter);
    await screen.type('k');
    expect(screen.frame()).toContain('alpha: kill (svc -k');
    await screen.type('y');
    expect(source.controls).toEqual([{ id: 'alpha', letter: 'k' }]);
  });

  it('the menu moves with j and sends the highlighted letter on Enter', async () => {
    const { screen, source } = await mount(120, 40);
    await screen.type(keys.enter);
    await screen.type('j');
    await screen.type('j');
    await screen.type(keys.enter); // o: once, asks nothing
    expect(source.controls).toEqual([{ id: 'alpha', letter: 'o' }]);
  });

  it('/ filters rows by name; Esc clears the filter', async () => {
    const { screen } = await mount(120, 40);
    await screen.type('/');
    await screen.type('g');
    await screen.type('a');
    expect(screen.lines()[3]).toMatch(/^gamma/);
    expect(screen.frame()).not.toMatch(/^alpha/m);
    expect(shownLog(screen)).toBe('gamma');
    await screen.type(keys.escape);
    expect(screen.lines()[3]).toMatch(/^alpha/);
  });

  it('Tab gives the log pane the keys: PgUp, PgDn, g, G, j, k', async () => {
    const { screen, source } = await mount(120, 40);
    await screen.type(keys.tab);
    await screen.type(keys.pageUp);
    await screen.type('g');
    await screen.type('j');
    await screen.type(keys.pageDown);
    await screen.type('G');
    expect(source.moves).toEqual([
      { kind: 'page', direction: -1 },
      { kind: 'top' },
      { kind: 'line', direction: 1 },
      { kind: 'page', direction: 1 },
      { kind: 'tail' },
    ]);
    expect(shownLog(screen)).toBe('alpha');
  });

  it('a filter that matches nothing says so, and Esc clears it', async () => {
    const { screen } = await mount(80, 24);
    await screen.type('/');
    await screen.type('xyz');
    expect(screen.frame()).toContain('no service matches /xyz (Esc clears)');
    expect(screen.frame()).not.toContain('no services in this tree');
    await screen.type(keys.escape);
    expect(screen.frame()).toMatch(/^alpha +up/m);
  });

  it('q quits at once when attached', async () => {
    const { screen, quits } = await mount(120, 40);
    await screen.type('q');
    expect(quits).toEqual([false]);
  });

  it('q asks when embedded; y stops the services', async () => {
    const { screen, quits } = await mount(120, 40, { mode: 'embedded' });
    await screen.type('q');
    expect(screen.frame()).toContain('Stop every service and quit? y/n');
    expect(quits).toEqual([]);
    await screen.type('y');
    expect(quits).toEqual([true]);
  });

  it('embedded: n cancels the quit and says so; the console stays', async () => {
    const { screen, quits } = await mount(120, 40, { mode: 'embedded' });
    await screen.type('q');
    await screen.type('n');
    expect(quits).toEqual([]);
    expect(screen.frame()).not.toContain('Stop every service');
    expect(screen.frame()).toContain('cancelled: still running');
  });

  it('read-only: control keys say why nothing was sent', async () => {
    const { screen, source } = await mount(120, 40, { readOnly: true });
    await screen.type('u');
    expect(source.controls).toEqual([]);
    expect(screen.frame()).toContain('alpha: read-only: no permission to control');
    expect(screen.lines()[0]).toContain('read-only');
  });

  it('read-only: the hints offer no svc keys, and Enter says why instead of opening the menu', async () => {
    const { screen, source } = await mount(80, 24, {
      readOnly: true,
      why: 'nothing supervises this tree',
    });
    const hints = () => screen.lines().at(-1) ?? '';
    expect(hints()).toContain('read-only');
    expect(hints()).not.toMatch(/u up|d down|Enter svc/);
    await screen.type(keys.enter);
    expect(screen.frame()).not.toContain('interrupt');
    expect(screen.lines().at(-2)).toBe('alpha: read-only: nothing supervises this tree');
    await screen.type('d');
    expect(screen.frame()).not.toContain('y/n');
    expect(source.controls).toEqual([]);
    await screen.type(keys.tab);
    expect(hints()).not.toMatch(/u up|d down|Enter svc/);
  });

  it('at 80 columns the hints follow the focus: table keys, then log keys after Tab', async () => {
    const { screen } = await mount(80, 24);
    const hints = () => screen.lines().at(-1) ?? '';
    expect(hints()).toMatch(/u up · d down · Enter svc/);
    await screen.type(keys.tab);
    expect(hints()).toMatch(/PgUp\/PgDn (g\/G|page)/);
    expect(hints()).toMatch(/←\/→ sideways/);
    expect(hints()).toContain('q quit');
    expect(hints().length).toBeLessThanOrEqual(80);
    await screen.type(keys.tab);
    expect(hints()).toMatch(/u up · d down · Enter svc/);
  });

  it('a service never supervised: "unsupervised", LAST EXIT "never ran", the reason on the status line', async () => {
    const source = fixedSource();
    source.entries.push({ id: id('aardvark'), name: 'aardvark' });
    const problem = 'unable to open supervise/status: file does not exist';
    source.facts.set(id('aardvark'), {
      observation: {
        supervised: false,
        normallyUp: true,
        problem: { code: 'ENOENT', stage: 'open', text: problem },
      },
    });
    const { screen } = await mount(80, 24, { source });
    const row = screen.lines()[3] ?? '';
    expect(row).toMatch(/^aardvark +unsupervised +… +up +never ran/);
    expect(screen.lines().slice(1, 6).join('\n')).not.toContain('unable to open');
    expect(screen.lines().at(-2)).toBe(`aardvark: unsupervised: ${problem}`);
    await screen.type('j');
    expect(screen.lines().at(-2)).toBe('');
  });

  it('shows what the composition root reports on the status line', async () => {
    const { screen, messages } = await mount(120, 40);
    messages.set('alpha: TERM sent; back up as pid 4413 after 0.2 s');
    await screen.type('');
    expect(screen.lines().at(-2)).toContain('alpha: TERM sent; back up as pid 4413 after 0.2 s');
  });
});

describe('wide service names', () => {
  it('keep every column in place at 80×24 (CJK, emoji)', async () => {
    const source = fixedSource();
    for (const name of ['日本語のサービス名前がとても長い', '🚀rocket']) {
      source.entries.push({ id: id(name), name });
      source.facts.set(id(name), { observation: down(NOW - 5000) });
    }
    const { screen } = await mount(80, 24, { source });
    const lines = screen.lines();
    const header = lines[2] ?? '';
    const normAt = columnsOf(header.slice(0, header.indexOf('NORM')));
    for (const line of lines.slice(3, 8)) {
      expect(columnsOf(line)).toBeLessThanOrEqual(80);
      // NORM ("up" or "down") starts under its header in every row, after the wide names.
      const cells = [...line];
      let at = 0;
      let text = '';
      for (const ch of cells) {
        if (at >= normAt) text += ch;
        at += columnsOf(ch);
      }
      expect(text).toMatch(/^(up|down)( |$)/);
    }
  });
});

function columnsOf(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n +=
      (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xff00 && c <= 0xff60) || (c >= 0x1f300 && c <= 0x1faff)
        ? 2
        : 1;
  }
  return n;
}

describe('long lists', () => {
  it('60 services: the title says where the selection is; short names leave LAST EXIT room', async () => {
    const source = fixedSource();
    for (let i = 0; i < 57; i++) {
      const name = `svc-${String(i).padStart(2, '0')}`;
      source.entries.push({ id: id(name), name });
      source.facts.set(id(name), {
        observation: up(100 + i, NOW - 60_000, {
          history: { starts: 1, problem: 'unable to start ./run: exec format error (no #! line?)' },
        }),
      });
    }
    const { screen } = await mount(120, 40, { source });
    expect(screen.lines()[0]).toContain(' · 1/60');
    for (let i = 0; i < 30; i++) await screen.type('j');
    expect(screen.lines()[0]).toContain(' · 31/60');
    const row = screen.lines().find((l) => l.startsWith('svc-27')) ?? '';
    expect(row, row).toContain('unable to start ./run: exec format');
  });

  it('a selected service without a log gives the table the room', async () => {
    const source = fixedSource();
    for (let i = 0; i < 40; i++) {
      const name = `svc-${String(i).padStart(2, '0')}`;
      source.entries.push({ id: id(name), name });
      source.facts.set(id(name), { observation: up(100 + i, NOW - 60_000) });
    }
    const { screen } = await mount(120, 40, { source });
    const rowsShown = () =>
      screen.lines().filter((l) => /^(alpha|beta|gamma|svc-\d\d) /.test(l)).length;
    const withLog = rowsShown();
    await screen.type('G'); // svc-39: no log service in this fake tree
    expect(screen.frame()).toContain('svc-39: no log service');
    expect(rowsShown()).toBeGreaterThan(withLog + 10);
  });
});

describe('the log service from the svc menu', () => {
  it('offers its own actions (up, rotate, restart, down) under the service letters', async () => {
    const source = fixedSource();
    const alpha = source.facts.get(id('alpha'))!;
    source.facts.set(id('alpha'), { ...alpha, log: { supervised: true, up: true, pid: 77 } });
    const { screen } = await mount(120, 40, { source });
    await screen.type(keys.enter);
    expect(screen.frame()).toContain('alpha/log, its log service:');
    expect(screen.frame()).toMatch(/^ {2}A {2}log rotate +ALRM to the logger/m);
    expect(screen.frame()).toMatch(
      /^ {2}a {2}alarm +\* send ALRM \(a logger rotates; log service: menu\)/m,
    );
    await screen.type('A');
    expect(source.controls).toEqual([{ id: 'alpha', letter: 'a', target: 'log' }]);
    await screen.type(keys.enter);
    await screen.type('T');
    expect(screen.frame()).toContain('alpha/log: restart (svc -t: TERM the logger');
    await screen.type('y');
    expect(source.controls.at(-1)).toEqual({ id: 'alpha', letter: 't', target: 'log' });
  });

  it('a service without a log service has no such entries', async () => {
    const { screen } = await mount(120, 40);
    await screen.type(keys.enter);
    expect(screen.frame()).not.toContain('its log service');
  });
});
