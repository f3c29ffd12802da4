// The console with resources and health at fixed sizes, a fixed clock and fixed samples: the
// columns and the summary at 120×40 and 80×24 (NO_COLOR keeps the meaning in words), the sort
// keys with the selection kept on its service, and marks acting on every marked service at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HealthFacts, ResourceSample, ServiceId } from '../../src/source/port.js';
import { fixedSource, id, NOW } from '../console/fake-source.js';
import { keys, type Screen } from './harness.js';
import { mountConsole, shownLog } from './mount.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

const health = (over: Partial<HealthFacts>): HealthFacts => ({
  code: 'ok',
  text: 'ok',
  rules: 3,
  failing: 0,
  checks: [],
  ...over,
});

const SAMPLES: ResourceSample[] = [
  {
    id: id('alpha'),
    resources: {
      pid: 4412,
      cpuPercent: 2.5,
      rssKB: 51_200,
      processes: 2,
      threads: 3,
      from: 'history',
    },
  },
  {
    id: id('beta'),
    resources: {
      pid: 977,
      cpuPercent: 97.26,
      rssKB: 8_192,
      processes: 1,
      threads: 1,
      from: 'proc',
    },
  },
];

async function mounted(columns: number, rows: number, noColor = true) {
  const source = fixedSource();
  const parts = await mountConsole(columns, rows, { source, noColor });
  screen = parts.screen;
  source.emit({ kind: 'resources', samples: SAMPLES, atMs: NOW });
  source.emit({
    kind: 'health',
    id: id('alpha'),
    atMs: NOW,
    health: health({
      lastAlert: { atMs: NOW - 90_000, service: 'alpha', text: 'port 8080: connection refused' },
    }),
  });
  source.emit({
    kind: 'health',
    id: id('beta'),
    atMs: NOW,
    health: health({ code: 'failing', text: 'failing 2/3', failing: 2 }),
  });
  source.emit({
    kind: 'health',
    id: id('gamma'),
    atMs: NOW,
    health: health({ code: 'no-rules', text: 'no rules', rules: 0 }),
  });
  await parts.screen.type('');
  return parts;
}

describe('resources and health in the table', () => {
  it('120×40: CPU%, MEM and HEALTH per row, counts and the newest alert in the summary', async () => {
    const { screen } = await mounted(120, 40);
    const lines = screen.lines();
    expect(lines[1]).toBe(
      // A failing service counts as failing, not as up: the counts add up to the services.
      '1 up · 1 down · 1 failing · 0 unmonitored · alert 11:58:30 alpha: port 8080: connection refused',
    );
    expect(lines[2]).toMatch(/^▶ SERVICE +STATE +PID +TIME +CPU% +MEM +HEALTH +NORM +WANT +RST/);
    expect(lines[3]).toMatch(/^alpha +up +4412 +2h00m +2\.5 +50\.0M +ok +up /);
    expect(lines[4]).toMatch(/^beta +up +977 +3s +97\.3 +8\.0M +failing 2\/3 +up +up +3 /);
    expect(lines[5]).toMatch(/^gamma +down +1m00s +no rules +down/);
    expect(lines.every((l) => l.length <= 120)).toBe(true);
  });

  it('80×24: every line fits, the figures and the health words stay', async () => {
    const { screen } = await mounted(80, 24);
    const lines = screen.lines();
    expect(lines).toHaveLength(23);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[4]).toMatch(/^beta +up +977 +3s +97\.3 +8\.0M +fail 2\/3 +up +3 /);
    expect(lines[1]).toMatch(
      /^1 up · 1 down · 1 failing · 0 unmonitored · alert 11:58:30 alpha: port 8080: co…$/,
    );
  });

  it('in colour, the health words are coloured by verdict (red failing, green ok)', async () => {
    const { screen } = await mounted(120, 40, false);
    const styled = screen.styledLines();
    expect(styled[4]).toMatch(/\x1b\[31mfailing 2\/3/); // eslint-disable-line no-control-regex
    expect(styled[3]).toMatch(/\x1b\[7;32mok/); // eslint-disable-line no-control-regex
  });
});

describe('figures that are not in yet', () => {
  it('CPU%, MEM and HEALTH show … until the source has measured and looked, then the figures', async () => {
    const source = fixedSource();
    const parts = await mountConsole(120, 40, { source, noColor: true });
    screen = parts.screen;
    const row = (name: string) => parts.screen.lines().find((l) => l.startsWith(`${name} `));
    expect(row('alpha')).toMatch(/^alpha +up +4412 +2h00m +… +… +… +up /);
    // A down service has no figures to wait for: only its health is still coming.
    expect(row('gamma')).toMatch(/^gamma +down +1m00s +… +down/);

    source.emit({ kind: 'resources', samples: SAMPLES, atMs: NOW });
    // Frames nobody typed are paced: wait for the one that carries them.
    await vi.waitFor(() =>
      expect(row('alpha')).toMatch(/^alpha +up +4412 +2h00m +2\.5 +50\.0M +… +up /),
    );

    source.emit({ kind: 'health', id: id('alpha'), atMs: NOW, health: health({}) });
    await vi.waitFor(() =>
      expect(row('alpha')).toMatch(/^alpha +up +4412 +2h00m +2\.5 +50\.0M +ok +up /),
    );

    // A sweep that found none of beta's processes: nothing to show, no longer "coming".
    source.emit({ kind: 'resources', samples: [{ id: id('beta') }], atMs: NOW });
    await vi.waitFor(() => expect(row('beta')).toMatch(/^beta +up +977 +3s +… +up /));
    expect(row('beta')).not.toMatch(/3s +… +…/);
  });

  it('in colour the placeholders are dimmed', async () => {
    const source = fixedSource();
    const parts = await mountConsole(120, 40, { source, noColor: false });
    screen = parts.screen;
    expect(parts.screen.styledLines()[4]).toMatch(/\x1b\[90m +…/); // eslint-disable-line no-control-regex
  });
});

describe('sorting from the keyboard', () => {
  it('> steps to CPU% (busiest first), the title says so, the selection stays on its service', async () => {
    const { screen } = await mounted(120, 40);
    await screen.type('j'); // beta
    for (let i = 0; i < 4; i++) await screen.type('>');
    const lines = screen.lines();
    expect(lines[0]).toContain('sorted by CPU%▼');
    expect(lines[2]).toMatch(/ CPU%▼ /);
    expect(lines.slice(3, 6).map((l) => l.split(' ')[0])).toEqual(['beta', 'alpha', 'gamma']);
    expect(shownLog(screen)).toBe('beta');
    await screen.type('I');
    expect(screen.lines()[0]).toContain('sorted by CPU%▲');
    expect(
      screen
        .lines()
        .slice(3, 6)
        .map((l) => l.split(' ')[0]),
    ).toEqual(['alpha', 'beta', 'gamma']);
    await screen.type('j'); // the row below beta in this order: gamma
    expect(shownLog(screen)).toBe('gamma');
  });
});

describe('marks', () => {
  it('Space marks (a * in the row, the count in the title); d asks once naming them, y sends to each', async () => {
    const { screen, source } = await mounted(120, 40);
    await screen.type(' ');
    await screen.type(' ');
    let lines = screen.lines();
    expect(lines[0]).toContain('· 2 marked');
    expect(lines[3]).toMatch(/^\* alpha /);
    expect(lines[4]).toMatch(/^\* beta /);
    expect(lines[5]).toMatch(/^ {2}gamma /);
    await screen.type('d');
    lines = screen.lines();
    expect(lines.at(-2)?.trimEnd()).toBe('down 2 services: alpha, beta? (svc -d) y/n');
    expect(source.controls).toEqual([]);
    await screen.type('y');
    expect(source.controls.map((c) => `${c.id}:${c.letter}`)).toEqual(['alpha:d', 'beta:d']);
    await screen.type(keys.escape);
    expect(screen.lines()[0]).not.toContain('marked');
    expect(screen.lines()[3]).toMatch(/^alpha /);
  });

  it('the svc menu with marks names them and offers no logger entries', async () => {
    const { screen, source } = await mounted(120, 40);
    await screen.type(' ');
    await screen.type(' ');
    await screen.type(keys.enter);
    expect(screen.frame()).toContain('svc on 2 marked (alpha, beta)');
    expect(screen.frame()).not.toContain('its log service');
    await screen.type('t');
    expect(screen.lines().at(-2)).toMatch(/^term 2 services: alpha, beta\?/);
    await screen.type('y');
    expect(source.controls).toEqual([
      { id: 'alpha' as ServiceId, letter: 't' },
      { id: 'beta' as ServiceId, letter: 't' },
    ]);
  });
});
