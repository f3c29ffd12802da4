// The table's pure parts: column layout, cell formatting, freshness, the time tick, the filter.
import { describe, expect, it } from 'vitest';
import { layoutColumns, headerLine } from '../../src/screen/columns.js';
import {
  countStates,
  fit,
  formatDuration,
  freshness,
  msUntilChange,
  printable,
  rowCells,
} from '../../src/screen/format.js';
import { makePalette } from '../../src/screen/palette.js';
import { summaryLine } from '../../src/screen/summary.js';
import { UTC_ZONE as utc } from '../../src/time/zone.js';
import type { ServiceRow } from '../../src/store/model.js';
import { filterRows } from '../../src/store/ui-state.js';
import { id, NOW, up } from '../console/fake-source.js';

describe('columns', () => {
  for (const width of [40, 80, 100, 120, 200]) {
    it(`fit in ${width} columns`, () => {
      const columns = layoutColumns(width);
      const used = columns.reduce((sum, c) => sum + c.width, 0) + columns.length - 1;
      expect(used).toBeLessThanOrEqual(width);
      expect(headerLine(columns).length).toBeLessThanOrEqual(width);
      expect(columns[0]?.key).toBe('name');
    });
  }
  it('keep every column but LOG and WANT at 80', () => {
    expect(layoutColumns(80).map((c) => c.key)).toEqual([
      'name',
      'state',
      'pid',
      'time',
      'cpu',
      'mem',
      'health',
      'normally',
      'restarts',
      'lastExit',
    ]);
  });
  it('drop trailing columns when very narrow', () => {
    expect(layoutColumns(40).length).toBeLessThan(9);
  });
});

describe('format', () => {
  it('durations', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(59_999)).toBe('59s');
    expect(formatDuration(60_000)).toBe('1m00s');
    expect(formatDuration(3_723_000)).toBe('1h02m');
    expect(formatDuration(5 * 86_400_000 + 3 * 3_600_000)).toBe('5d03h');
    expect(formatDuration(-5)).toBe('0s');
  });
  it('fit cuts with an ellipsis and pads', () => {
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fit('ab', 4, 'right')).toBe('  ab');
  });
  it('freshness follows vsv: < 5 s new, < 30 s recent', () => {
    const row = (sinceMs: number) => ({
      id: id('a'),
      name: 'a',
      restarts: 0,
      observation: up(1, sinceMs),
    });
    expect(freshness(row(NOW - 4_999), NOW)).toBe('new');
    expect(freshness(row(NOW - 5_000), NOW)).toBe('recent');
    expect(freshness(row(NOW - 29_999), NOW)).toBe('recent');
    expect(freshness(row(NOW - 30_000), NOW)).toBe('settled');
  });
  it('msUntilChange: the next second, minute or hour of TIME, or a freshness boundary', () => {
    const row = (age: number) => ({
      id: id('a'),
      name: 'a',
      restarts: 0,
      observation: up(1, NOW - age),
    });
    expect(msUntilChange(row(1_200), NOW)).toBe(800);
    expect(msUntilChange(row(4_900), NOW)).toBe(100);
    expect(msUntilChange(row(29_950), NOW)).toBe(50);
    expect(msUntilChange(row(2 * 3_600_000 + 10_000), NOW)).toBe(50_000);
    expect(msUntilChange(row(3 * 86_400_000 + 60_000), NOW)).toBe(3_540_000);
    expect(msUntilChange({ id: id('a'), name: 'a', restarts: 0 }, NOW)).toBe(Infinity);
  });
  it('names cannot carry control bytes', () => {
    expect(printable('a\x1b]0;x\x07b')).toBe('a?]0;x?b');
  });
  it('filter is a case-insensitive substring', () => {
    const named = (n: string) => ({ id: id(n), name: n });
    expect(filterRows(['Alpha', 'beta', 'alphabet'].map(named), 'ALP').map((r) => r.name)).toEqual([
      'Alpha',
      'alphabet',
    ]);
  });
});

describe('wide characters', () => {
  it('fit counts terminal columns: CJK and emoji take two, a straddling one becomes a space', () => {
    expect(fit('日本語', 8)).toBe('日本語  ');
    expect(fit('日本語', 6)).toBe('日本語');
    expect(fit('日本語', 5)).toBe('日本…');
    expect(fit('日本語', 4)).toBe('日 …');
    expect(fit('🚀rocket', 6)).toBe('🚀roc…');
    expect(fit('日本', 6, 'right')).toBe('  日本');
  });
});

describe('trouble at a glance', () => {
  const row = (extra: Partial<ServiceRow>): ServiceRow => ({
    id: id('a'),
    name: 'a',
    restarts: 0,
    observation: up(10, NOW - 2000),
    ...extra,
  });
  it('three restarts within a minute while wanted up: crash loop, red, counted as failing', () => {
    const looping = row({ restarts: 31, restartTimesMs: [NOW - 50_000, NOW - 30_000, NOW - 2000] });
    expect(rowCells(looping, NOW).state).toBe('crash loop');
    expect(makePalette(false).state('crash loop', true)).toBe('red');
    expect(rowCells(looping, NOW + 20_000).state).toBe('up'); // the oldest left the minute
    expect(countStates([looping], NOW)).toEqual({
      up: 0,
      down: 0,
      failing: 1,
      unmonitored: 0,
      reading: 0,
    });
  });
  it('wanted down and still running after 5 s: ignores TERM', () => {
    const o = up(10, NOW - 60_000);
    const stubborn = row({
      observation: { ...o, status: { ...o.status!, want: 'down' } },
      stoppingSinceMs: NOW - 4000,
    });
    expect(rowCells(stubborn, NOW).state).toBe('up');
    expect(msUntilChange(stubborn, NOW)).toBe(1000);
    expect(rowCells(stubborn, NOW + 1000).state).toBe('ignores TERM');
  });
  it('a service whose directory left the tree says so by its name', () => {
    expect(rowCells(row({ removed: true }), NOW).name).toBe('a (removed)');
  });
  it('RST says where its figure comes from: a record, or "+N" seen by this console', () => {
    expect(rowCells(row({ restarts: 6, restartsFrom: 'record' }), NOW).restarts).toBe('6');
    expect(rowCells(row({ restarts: 0, restartsFrom: 'record' }), NOW).restarts).toBe('0');
    expect(rowCells(row({ restarts: 2, restartsFrom: 'seen' }), NOW).restarts).toBe('+2');
    expect(rowCells(row({ restarts: 0, restartsFrom: 'seen' }), NOW).restarts).toBe('');
  });
});

describe('the title counts', () => {
  it('say how many statuses are not read yet instead of counting them down', () => {
    const rows: ServiceRow[] = [
      { id: id('a'), name: 'a', restarts: 0, observation: up(10, NOW - 2000) },
      { id: id('b'), name: 'b', restarts: 0 },
      { id: id('c'), name: 'c', restarts: 0 },
    ];
    expect(countStates(rows, NOW)).toEqual({
      up: 1,
      down: 0,
      failing: 0,
      unmonitored: 0,
      reading: 2,
    });
    const text = (width: number) =>
      summaryLine(rows, NOW, utc, width, makePalette(false))
        .map((s) => s.text)
        .join('');
    expect(text(120)).toMatch(/^1 up · 0 down · 0 failing · 0 unmonitored · 2 reading · no alerts/);
    expect(text(40)).toBe('1 up · 0 down · 0 fail · 0 unmon · 2 …'.padEnd(40));
  });
  it('follow a trouble that starts between two frames of the same second', () => {
    const o = up(10, NOW - 60_000);
    const rows: ServiceRow[] = [
      {
        id: id('s'),
        name: 's',
        restarts: 0,
        observation: { ...o, status: { ...o.status!, want: 'down' } },
        stoppingSinceMs: NOW - 4700,
      },
    ];
    expect(countStates(rows, NOW + 200)).toEqual({
      up: 1,
      down: 0,
      failing: 0,
      unmonitored: 0,
      reading: 0,
    });
    expect(countStates(rows, NOW + 400)).toEqual({
      up: 0,
      down: 0,
      failing: 1,
      unmonitored: 0,
      reading: 0,
    });
  });
});
