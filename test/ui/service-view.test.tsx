// The service view (`i`) at fixed sizes with a fixed clock and fixed samples: charts of the past
// hour beside the last 10 minutes, the rules with their results and limits, the events newest
// first in the active zone; NO_COLOR keeps the meaning in words and blocks; Esc returns; Enter on
// an exit asks the log for that moment (a jump) and shows the log pane.
import { afterEach, describe, expect, it } from 'vitest';
import { formatLabel, timeFromMillis } from '../../src/codec/tai64n.js';
import type { HistoryPoint, ServiceDetail } from '../../src/source/port.js';
import { fixedSource, id, NOW } from '../console/fake-source.js';
import { keys, tick, type Screen } from './harness.js';
import { mountConsole } from './mount.js';

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

const MIN = 60_000;

/** The past hour at 2 s: CPU idle at 2 % then a burner at 95 % for the last 10 minutes; memory
 * growing from 50 to 110 MB; 4 log lines a second; down for a minute half an hour ago. */
function history(): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (let at = NOW - 3598_000; at <= NOW; at += 2000) {
    const ago = NOW - at;
    if (ago <= 31 * MIN && ago > 30 * MIN) {
      out.push({ atMs: at, down: true, logLinesPerSecond: 0 });
      continue;
    }
    out.push({
      atMs: at,
      cpuPercent: ago < 10 * MIN ? 95 : 2,
      rssKB: Math.round(51_200 + ((3600_000 - ago) / 3600_000) * 61_440),
      logLinesPerSecond: 4,
    });
  }
  return out;
}

const DETAIL: ServiceDetail = {
  id: id('alpha'),
  history: history(),
  paceSeconds: 2,
  historyFrom: 'supervisor',
  events: [
    { atMs: NOW - 60 * MIN, kind: 'start', text: 'started, pid 4000', pid: 4000 },
    { atMs: NOW - 31 * MIN, kind: 'exit', text: 'exited 3', code: 3, pid: 4000 },
    { atMs: NOW - 30 * MIN, kind: 'start', text: 'started, pid 4412', pid: 4412 },
    { atMs: NOW - 5 * MIN, kind: 'check-failed', text: 'port localhost:8080: connection refused' },
    { atMs: NOW - 5 * MIN + 10, kind: 'alert', text: 'port localhost:8080: connection refused' },
  ],
  rules: {
    code: 'rules',
    cycleSeconds: 30,
    running: true,
    rules: [
      {
        check: 'port localhost:8080 http /',
        kind: 'port',
        line: 1,
        column: 1,
        state: 'failed',
        last: 'failed',
        responseMs: 12,
        then: 'alert',
      },
      {
        check: 'cpu > 90%',
        kind: 'resource',
        line: 2,
        column: 1,
        state: 'ok',
        last: 'ok',
        rate: 'for 3 cycles',
        then: 'restart',
        resource: 'cpu',
      },
    ],
  },
};

async function opened(columns: number, rows: number, detailEveryMs?: number) {
  const source = fixedSource();
  source.details.set(id('alpha'), DETAIL);
  const parts = await mountConsole(columns, rows, {
    source,
    ...(detailEveryMs ? { detailEveryMs } : {}),
  });
  screen = parts.screen;
  await screen.type('j'); // alpha (the table is sorted by name: alpha, beta, gamma)
  await screen.type('k');
  await screen.type('i');
  await tick(100);
  return parts;
}

describe('the service view', () => {
  it('120×40: charts of the hour and the last 10 minutes, rules, events newest first', async () => {
    const { screen } = await opened(120, 40);
    const lines = screen.lines();
    expect(lines.every((l) => l.length <= 120)).toBe(true);
    expect(lines[2]).toMatch(/^alpha up · pid 4412 · for 2h00m · 0 restarts +Esc returns$/);
    expect(lines[3]).toBe(
      'CPU % · last hour · peak 95.0%                               last 10 min · now 95.0% · limit cpu > 90%: restart',
    );
    // The burner's last 10 minutes fill the hour's last sixth and the whole of the right chart.
    expect(lines[4]).toBe(
      ' 100%                                             ▆▆▆▆▆▆▆▆▆   100% ' + '▆'.repeat(53),
    );
    expect(lines[8]).toBe('    0 ' + '▁'.repeat(44) + '█'.repeat(9) + '      0 ' + '█'.repeat(53));
    expect(lines[9]).toMatch(/^memory · last hour · peak 110M +last 10 min · now 110M$/);
    expect(lines[10]).toMatch(/^ 120M /);
    expect(lines[15]).toMatch(/^log lines\/s · last hour · peak 4\/s +last 10 min · now 4\/s$/);
    expect(lines[21]).toMatch(/^ {6}-60m +-30m +now {8}-10m +-5m +now$/);
    expect(lines.slice(22, 25).map((l) => l.trimEnd())).toEqual([
      'rules · 2 rules · judged every 30 s',
      '  FAILED  check port localhost:8080 http / · last failed · 12 ms · then alert',
      '  ok      limit cpu > 90% · for 3 cycles · then restart',
    ]);
    expect(lines.slice(25, 31).map((l) => l.trimEnd())).toEqual([
      'events · newest first · j/k select · Enter: the log before that moment',
      '   11:55:00  alert           port localhost:8080: connection refused',
      '   11:55:00  check-failed    port localhost:8080: connection refused',
      '   11:30:00  start           started, pid 4412',
      '   11:29:00  exit            exited 3',
      '   11:00:00  start           started, pid 4000',
    ]);
    expect(lines.at(-1)).toBe(
      'j/k event · Enter log before it · g/G newest/oldest · z zone · Esc back',
    );
  });

  it('80×24: everything fits, shorter charts, the limit left to the rules', async () => {
    const { screen } = await opened(80, 24);
    const lines = screen.lines();
    expect(lines).toHaveLength(23);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines[3]).toBe('CPU % · last hour · peak 95.0%           last 10 min · now 95.0%');
    expect(lines.slice(4, 6)).toEqual([
      ' 100%                            ▇▇▇▇▇▇   100% ' + '▇'.repeat(33),
      '    0 ' + '▁'.repeat(27) + '█'.repeat(6) + '      0 ' + '█'.repeat(33),
    ]);
    expect(lines[12]).toMatch(/^ {6}-60m +-30m +now {8}-10m +-5m +now$/);
    expect(lines[14]).toMatch(/^ {2}FAILED {2}check port localhost:8080 http \//);
    expect(lines[17]).toMatch(/^ {3}11:55:00 {2}alert/);
  });

  it('the selected event is drawn inverse; j moves it; z shows the times in the next zone', async () => {
    const { screen } = await opened(120, 40);
    const inverse = (l: string) => l.includes('\x1b[7m');
    const selected = () => screen.styledLines().findIndex(inverse);
    expect(selected()).toBe(26);
    await screen.type('j');
    await screen.type('j');
    expect(selected()).toBe(28);
    await screen.type('G');
    expect(selected()).toBe(30);
    await screen.type('z');
    await screen.type('z'); // Asia/Kolkata: UTC+5:30
    expect(screen.lines()[29]).toMatch(/^ {3}16:59:00 {2}exit {12}exited 3/);
  });

  it('Enter on an exit shows the log pane ending at that moment; Esc from the view returns', async () => {
    const { screen, source } = await opened(120, 40);
    await screen.type('j');
    await screen.type('j');
    await screen.type('j'); // the exit
    await screen.type(keys.enter);
    await tick(50);
    expect(source.jumps).toEqual([
      { when: formatLabel(timeFromMillis(NOW - 31 * MIN)), zone: 'Etc/UTC' },
    ]);
    // A page back from the first line after the moment, then half a page on: the moment mid-pane.
    expect(source.moves.slice(-2)).toEqual([
      { kind: 'page', direction: -1 },
      { kind: 'half', direction: 1 },
    ]);
    expect(screen.frame()).toMatch(/▶ log alpha\/log\/main/);

    await screen.type('i');
    await tick(50);
    expect(screen.frame()).toContain('events · newest first');
    await screen.type(keys.escape);
    await tick(50);
    expect(screen.frame()).toContain('alpha/log/main');
    expect(screen.frame()).not.toContain('events · newest first');
  });

  it('new events keep the selection on its event, not on its row', async () => {
    const { screen, source } = await opened(120, 40, 20);
    await screen.type('j');
    await screen.type('j');
    await screen.type('j'); // the exit, fourth from the top
    source.details.set(id('alpha'), {
      ...DETAIL,
      events: [
        ...DETAIL.events,
        { atMs: NOW - 2 * MIN, kind: 'check-recovered', text: 'port localhost:8080: ok' },
      ],
    });
    await tick(100);
    const lines = screen.lines();
    expect(lines[26]).toMatch(/^ {3}11:58:00 {2}check-recovered/);
    const selected = screen.styledLines().findIndex((l) => l.includes('\x1b[7m'));
    expect(lines[selected]).toMatch(/^ {3}11:29:00 {2}exit/);
  });

  it('a service the source cannot describe: the view says why', async () => {
    const source = fixedSource();
    const parts = await mountConsole(80, 24, { source });
    screen = parts.screen;
    await screen.type('i');
    await tick(50);
    expect(screen.lines()[3]).toMatch(/^no such service/);
  });
});
