// The log pane as the log tool draws it, at fixed sizes with fixed facts: hits inverse where the
// word is once the stamp is decoded (TAI64N, svlogd, s6-log), the search's count and the hidden
// lines in the title, the merged view's prefixes and restart markers, the prompts and their
// hints, and what `y` copies.
import { describe, expect, it } from 'vitest';
import { formatLabel, timeFromMillis } from '../../src/codec/tai64n.js';
import { displayColumns } from '../../src/screen/hscroll.js';
import { logKeyHelp } from '../../src/screen/log-keymap.js';
import { logPaneLines } from '../../src/screen/log-pane.js';
import { buildScreen, screenLines } from '../../src/screen/screen.js';
import { logRow } from '../../src/screen/log-rows.js';
import { shownText } from '../../src/screen/log-copy.js';
import { logPromptLine, logToolHints, filterListLines } from '../../src/screen/log-tool-lines.js';
import { makePalette } from '../../src/screen/palette.js';
import { plain, type Line } from '../../src/screen/spans.js';
import type { LogWindowFacts } from '../../src/source/port.js';
import { NO_LOG_TOOL, type LogToolState } from '../../src/store/log-tool.js';
import { initialUiState } from '../../src/store/ui-state.js';
import { resolveZone, UTC_ZONE } from '../../src/time/zone.js';

const AT = Date.UTC(2013, 2, 18, 19, 8, 40);
const label = (ms: number) => formatLabel(timeFromMillis(ms));
const paris = resolveZone('Europe/Paris', {}).zone;
const colour = makePalette(false);
const noColour = makePalette(true);

/** The text drawn inverse in a line, piece by piece. */
const inverted = (l: Line) => l.filter((s) => s.inverse).map((s) => s.text);

function window(lines: string[], extra: Partial<LogWindowFacts> = {}): LogWindowFacts {
  return { title: 'alpha/log/main', lines, following: true, atTop: false, fraction: 1, ...extra };
}

function pane(w: LogWindowFacts, options: { width?: number; tool?: LogToolState } = {}) {
  return logPaneLines({
    content: { kind: 'window', window: w },
    zone: UTC_ZONE,
    width: options.width ?? 80,
    height: w.lines.length + 1,
    focused: true,
    shift: 0,
    palette: noColour,
    tool: options.tool ?? NO_LOG_TOOL,
  });
}

describe('hits in the pane', () => {
  const raw = `${label(AT)} disk boom on sda`;
  const start = raw.indexOf('boom');

  it('are inverse where the word is once the label is decoded, under NO_COLOR too', () => {
    const [, row] = pane(window([raw], { hits: [[[start, start + 4]]] }));
    expect(plain(row!)).toBe('2013-03-18 19:08:40.000000000 disk boom on sda');
    expect(inverted(row!)).toEqual(['boom']);
  });

  it('the line the step landed on has its hits bold too; other lines are not bold', () => {
    const w = window([raw, raw], { hits: [[[start, start + 4]], [[start, start + 4]]], landed: 1 });
    const [, first, second] = pane(w);
    expect(first!.find((s) => s.inverse)?.bold).toBeUndefined();
    expect(second!.find((s) => s.inverse)?.bold).toBe(true);
  });

  it('a line landed on without a search (e, :) is bold', () => {
    const [, row] = pane(window([raw], { landed: 0 }));
    expect(row![0]!.bold).toBe(true);
  });

  it('move with an svlogd stamp decoded into the zone (UTC stamp, Paris shown)', () => {
    const svlogd = '2013-03-18_19:08:40.12345 disk boom';
    const hit = svlogd.indexOf('boom');
    const row = logRow({
      raw: svlogd,
      zone: paris,
      stampZone: UTC_ZONE,
      width: 80,
      shift: 0,
      hits: [[hit, hit + 4]],
    });
    expect(plain(row)).toBe('2013-03-18 20:08:40.12345 disk boom');
    expect(inverted(row)).toEqual(['boom']);
  });

  it('move with an s6-log ISO stamp read in the box zone and shown in another', () => {
    const iso = '2013-03-18 20:08:40.000000001  boom here';
    const hit = iso.indexOf('boom');
    const row = logRow({
      raw: iso,
      zone: UTC_ZONE,
      stampZone: paris,
      width: 80,
      shift: 0,
      hits: [[hit, hit + 4]],
    });
    expect(plain(row)).toBe('2013-03-18 19:08:40.000000001  boom here');
    expect(inverted(row)).toEqual(['boom']);
  });

  it('stay on the word after control characters shown as ^[ and a tab', () => {
    const line = `${label(AT)} \x1b[31m\tboom`;
    const hit = line.indexOf('boom');
    const row = logRow({
      raw: line,
      zone: UTC_ZONE,
      stampZone: UTC_ZONE,
      width: 80,
      shift: 0,
      hits: [[hit, hit + 4]],
    });
    expect(plain(row)).toContain('^[[31m');
    expect(inverted(row)).toEqual(['boom']);
    expect(plain(row).endsWith('boom')).toBe(true);
  });

  it('follow a sideways shift, and a hit cut by the right edge shows its visible part', () => {
    const line = `${label(AT)} ${'x'.repeat(60)}boom tail`;
    const hit = line.indexOf('boom');
    const shifted = logRow({
      raw: line,
      zone: UTC_ZONE,
      stampZone: UTC_ZONE,
      width: 40,
      shift: 80,
      hits: [[hit, hit + 4]],
    });
    expect(plain(shifted)).toBe('xxxxxxxxxxboom tail');
    expect(inverted(shifted)).toEqual(['boom']);
    const cut = logRow({
      raw: line,
      zone: UTC_ZONE,
      stampZone: UTC_ZONE,
      width: 92,
      shift: 0,
      hits: [[hit, hit + 4]],
    });
    expect(plain(cut)).toMatch(/… \[\+\d+ bytes\]$/);
    expect(inverted(cut).join('').length).toBeLessThan(4);
  });
});

describe('the title', () => {
  const lines = [`${label(AT)} one`];
  const title = (w: LogWindowFacts, tool?: LogToolState) =>
    plain(pane(w, { width: 100, ...(tool ? { tool } : {}) })[0]!);

  it('counts hits while the count runs, then says hit X of Y', () => {
    const running = { query: 'boom', running: true, total: 120, fraction: 0.45, current: 3 };
    expect(title(window(lines, { search: running }))).toContain(
      '/boom hit 3 of 120+ 45% · following · UTC',
    );
    const done = { ...running, running: false, total: 125 };
    expect(title(window(lines, { search: done }))).toContain('/boom hit 3 of 125 · following');
    const far = { ...done, current: 14_014, total: 14_015 };
    expect(title(window(lines, { search: far }))).toContain('/boom hit 14,014 of 14,015 ·');
    const none = { query: 'zzz', running: false, total: 0, fraction: 1 };
    expect(title(window(lines, { search: none }))).toContain('/zzz no hits');
    const stopped = { query: 'boom', running: false, total: 40, fraction: 0.2, cancelled: true };
    expect(title(window(lines, { search: stopped }))).toContain('/boom 40+ hits (stopped)');
  });

  it('says how many filters are on and how many lines they hide', () => {
    const tool: LogToolState = {
      filters: [
        { text: 'error', exclude: false, enabled: true },
        { text: 'debug', exclude: true, enabled: true },
        { text: 'off', exclude: false, enabled: false },
      ],
    };
    const w = window(lines, { hidden: { lines: 1234, complete: false } });
    expect(title(w, tool)).toContain('2 filters · 1,234+ hidden · following');
    expect(title(window(lines, { hidden: { lines: 1234, complete: true } }), tool)).toContain(
      '1,234 hidden',
    );
  });
});

describe('the merged timeline', () => {
  const w = window(
    [
      `${label(AT)} alpha says hi`,
      `${label(AT + 500)} ── crashy exited 1, restarted ──`,
      `${label(AT + 1000)} crashy is back`,
    ],
    {
      title: '2 services merged',
      origins: [{ service: 'alpha' }, { service: 'crashy', marker: true }, { service: 'crashy' }],
    },
  );
  const merged: LogToolState = { filters: [], merged: ['a', 'c'] as never };

  it('prefixes each line with its service, padded, and draws restart markers bold', () => {
    const rows = pane(w, { tool: merged });
    expect(rows.slice(1).map(plain)).toEqual([
      'alpha  2013-03-18 19:08:40.000000000 alpha says hi',
      'crashy 2013-03-18 19:08:40.500000000 ── crashy exited 1, restarted ──',
      'crashy 2013-03-18 19:08:41.000000000 crashy is back',
    ]);
    expect(rows[2]!.at(-1)!.bold).toBe(true);
    expect(rows[1]!.at(-1)!.bold).toBeUndefined();
  });

  it('gives each service its own colour, by its place in the merge', () => {
    const rows = logPaneLines({
      content: { kind: 'window', window: w },
      zone: UTC_ZONE,
      width: 80,
      height: 4,
      focused: true,
      shift: 0,
      palette: colour,
      tool: merged,
      mergedNames: ['alpha', 'crashy'],
    });
    expect(rows[1]![0]!.color).toBe(colour.service(0));
    expect(rows[2]![0]!.color).toBe(colour.service(1));
    expect(rows[3]![0]!.color).toBe(colour.service(1));
    expect(colour.service(0)).not.toBe(colour.service(1));
  });

  it('a single log shows its markers without prefixes', () => {
    const rows = pane(w);
    expect(plain(rows[2]!)).toBe('2013-03-18 19:08:40.500000000 ── crashy exited 1, restarted ──');
    expect(rows[2]![0]!.bold).toBe(true);
  });

  it('copies the shown lines with the zone decoded and the services named', () => {
    const copied = shownText(w, paris, UTC_ZONE, 2, true);
    expect(copied).toEqual({
      text:
        'crashy 2013-03-18 20:08:40.500000000 ── crashy exited 1, restarted ──\n' +
        'crashy 2013-03-18 20:08:41.000000000 crashy is back\n',
      lines: 2,
    });
    const withEscape = shownText(
      window([`${label(AT)} a\x1b]52;c;x\x07`]),
      UTC_ZONE,
      UTC_ZONE,
      5,
      false,
    );
    expect(withEscape.text).toBe('2013-03-18 19:08:40.000000000 a^[]52;c;x^G\n');
  });
});

describe('prompts', () => {
  it('show what is typed with a cursor, and why it was refused', () => {
    const search: LogToolState = { filters: [], prompt: { kind: 'search', text: 'bo\u0012om' } };
    expect(plain(logPromptLine(search, 'UTC', 80, noColour)!)).toBe('/bo^Rom▏');
    const jump: LogToolState = {
      filters: [],
      prompt: { kind: 'jump', text: 'garbage', error: 'not a time: "garbage"' },
    };
    const line = logPromptLine(jump, 'Europe/Paris', 80, noColour)!;
    expect(plain(line).trimEnd()).toBe('jump to (Europe/Paris): garbage▏  not a time: "garbage"');
    expect(line.at(-1)!.bold).toBe(true);
  });

  it('keep the end of a long text in view at 40 columns', () => {
    const tool: LogToolState = {
      filters: [],
      prompt: { kind: 'filter', text: 'x'.repeat(60) + 'END' },
    };
    const text = plain(logPromptLine(tool, 'UTC', 40, noColour)!);
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text).toMatch(/^&….*END▏$/);
  });

  it('ask before writing over a file', () => {
    const tool: LogToolState = { filters: [], overwrite: 'out.log' };
    expect(plain(logPromptLine(tool, 'UTC', 80, noColour)!).trimEnd()).toBe(
      'out.log exists: write over it? y/n',
    );
    expect(logToolHints(tool, false, 80)).toBe('y write over it · n/Esc keep it');
  });

  it('hints fit the width', () => {
    for (const kind of ['search', 'filter', 'jump', 'save'] as const) {
      const tool: LogToolState = { filters: [], prompt: { kind, text: '' } };
      expect(logToolHints(tool, false, 80)!.length).toBeLessThanOrEqual(80);
      expect(logToolHints(tool, false, 120)).toMatch(/Esc cancel/);
    }
    expect(logToolHints(NO_LOG_TOOL, false, 80)).toBeUndefined();
  });
});

describe('the filter list', () => {
  it('lists show and hide filters, on and off, the selected one inverse', () => {
    const tool: LogToolState = {
      filters: [
        { text: 'error', exclude: false, enabled: true },
        { text: 'debug', exclude: true, enabled: false },
      ],
    };
    const lines = filterListLines(tool, 1, 80, 5, noColour);
    expect(lines.map((l) => plain(l).trimEnd())).toEqual([
      expect.stringMatching(/^Filters: /),
      '  [x] show  error',
      '  [ ] hide  debug',
      '',
      '',
    ]);
    expect(lines[2]![0]!.inverse).toBe(true);
    expect(plain(filterListLines(NO_LOG_TOOL, 0, 80, 2, noColour)[1]!)).toMatch(/& adds one/);
  });
});

describe('the help opened from the log pane', () => {
  it('lists the log keys beside the others, every line inside 80×24', () => {
    const ui = {
      ...initialUiState([]),
      focus: 'log' as const,
      overlay: { kind: 'help' as const, log: true },
    };
    const screen = buildScreen({
      columns: 80,
      rows: 24,
      ui,
      services: [],
      log: { kind: 'none' },
      zone: UTC_ZONE,
      message: '',
      mode: 'attached',
      title: '/t',
      palette: noColour,
      nowMs: AT,
    });
    const lines = screenLines(screen).map(plain);
    expect(lines).toHaveLength(23);
    for (const l of lines) expect(displayColumns(l)).toBeLessThanOrEqual(80);
    const text = lines.join('\n');
    expect(text).toContain('Log pane keys');
    for (const [keys, what] of logKeyHelp) expect(text).toContain(`${keys.padEnd(9)} ${what}`);
    expect(text).toMatch(/\/ +filter services; log: search/);
  });
});
