// The log tool behind the port, over real files in a temporary directory: search counted over
// rotated files, n/N, e/E, jumps, filters with paging and follow, restart markers.
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEvent } from '../../src/health/event.js';
import { LocalLogs } from '../../src/source/local/log.js';
import type { LogTimeline } from '../../src/source/port.js';
import { tempDir } from '../support/tools.js';
import { label, T0, until, writeLog } from './tools-helpers.js';

const open: LogTimeline[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

/** 300 lines a second apart; every 10th an error, every 25th a warning, 4 rotated files. */
function service(root: string, name = 'web', first = T0, count = 300): string {
  const dir = join(root, name);
  const lines = Array.from({ length: count }, (_, i) => {
    const what =
      i % 10 === 3
        ? `ERROR job ${i} failed`
        : i % 25 === 7
          ? `warning: slow ${i}`
          : `request ${i} ok`;
    return `${label(first + i)} ${what}`;
  });
  writeLog(join(dir, 'log/main'), lines, 60, (last) => first + last);
  return dir;
}

function timeline(root: string, dir: string, rows = 10): LogTimeline {
  const t = new LocalLogs(root).open(dir, rows);
  if ('code' in t) throw new Error(t.text);
  open.push(t);
  return t;
}

const message = (line: string) => line.slice(26);

describe('search', () => {
  it('counts every hit over the rotated files and current, and steps n/N between them', async () => {
    const root = tempDir();
    const t = timeline(root, service(root));
    expect(await t.search({ text: 'error' })).toMatchObject({ code: 'found' });
    await until(t, () => t.window().search?.running === false);
    expect(t.window().search).toMatchObject({ query: 'error', total: 30, fraction: 1 });
    // From the tail, the search lands on the last hit above it.
    await until(t, () => t.window().landed !== undefined);
    const w = t.window();
    expect(message(w.lines[w.landed!]!)).toBe('ERROR job 293 failed');
    expect(w.search?.current).toBe(30);
    expect(w.hits?.[w.landed!]).toEqual([[26, 31]]);
    expect(await t.step(-1)).toMatchObject({ code: 'found' });
    const back = t.window();
    expect(message(back.lines[back.landed!]!)).toBe('ERROR job 283 failed');
    expect(back.search?.current).toBe(29);
    t.move({ kind: 'top' });
    const seen: string[] = [];
    for (;;) {
      const step = await t.step(1);
      if (step.code !== 'found') {
        expect(step.code).toBe('none');
        break;
      }
      const now = t.window();
      seen.push(message(now.lines[now.landed!]!));
    }
    expect(seen).toHaveLength(30);
    expect(seen[0]).toBe('ERROR job 3 failed');
    expect(seen.at(-1)).toBe('ERROR job 293 failed');
  });
  it('says what is wrong with a bad pattern and keeps the window', async () => {
    const root = tempDir();
    const t = timeline(root, service(root));
    expect(await t.search({ text: 'fail(' })).toMatchObject({
      code: 'bad-query',
      text: expect.stringMatching(/^bad pattern/),
    });
    expect(await t.step(1)).toMatchObject({ code: 'no-search' });
  });
  it('cancels: no count, no highlights', async () => {
    const root = tempDir();
    const t = timeline(root, service(root));
    await t.search({ text: 'ok' });
    t.cancelSearch();
    expect(t.window().search).toBeUndefined();
    expect(t.window().hits).toBeUndefined();
  });
  it('steps between errors and warnings without a search', async () => {
    const root = tempDir();
    const t = timeline(root, service(root));
    t.move({ kind: 'top' });
    expect(await t.stepLevel('error', 1)).toMatchObject({ code: 'found' });
    expect(await t.stepLevel('error', 1)).toMatchObject({ code: 'found' });
    let w = t.window();
    expect(message(w.lines[w.landed!]!)).toBe('ERROR job 13 failed');
    expect(await t.stepLevel('warning', 1)).toMatchObject({ code: 'found' });
    w = t.window();
    expect(message(w.lines[w.landed!]!)).toBe('warning: slow 32');
  });
});

describe('jump to a time', () => {
  it('lands on the first line at or after the instant, in any file', async () => {
    const root = tempDir();
    const t = timeline(root, service(root));
    // 10:02:30 UTC is line 150, in the third rotated file; Paris is UTC+1 in November.
    expect(await t.jump('2026-11-30 11:02:30', 'Europe/Paris')).toMatchObject({ code: 'found' });
    let w = t.window();
    expect(w.landed).toBe(0);
    expect(message(w.lines[0]!)).toBe('request 150 ok');
    expect(await t.jump('2026-11-30 10:00:00.5', 'UTC')).toMatchObject({ code: 'found' });
    w = t.window();
    expect(message(w.lines[0]!)).toBe('request 1 ok');
    expect(await t.jump('2026-11-30 12:00', 'UTC')).toMatchObject({ code: 'after-end' });
    expect(t.window().following).toBe(true);
    expect(await t.jump('later', 'UTC')).toMatchObject({ code: 'bad-time' });
  });
  it('reads a right/ zone as labels on a leap-second clock', async () => {
    const root = tempDir();
    const t = timeline(root, service(root));
    // In right/UTC a label reads 27 s less than in UTC (the leap seconds since 1972).
    await t.jump('2026-11-30 10:00:33', 'right/UTC');
    expect(message(t.window().lines[0]!)).toBe('request 60 ok');
  });
});

describe('filters', () => {
  it('show only what the includes let through, minus the excludes; page and count hidden lines', async () => {
    const root = tempDir();
    const t = timeline(root, service(root), 5);
    const result = await t.setFilters([
      { text: 'error', exclude: false, enabled: true },
      { text: 'warning', exclude: false, enabled: true },
      { text: 'job 2\\d3', exclude: true, enabled: true },
    ]);
    expect(result.code).toBe('found');
    await until(t, () => t.window().hidden?.complete === true && t.window().lines.length === 5);
    const shown = 30 - 10 + 12;
    expect(t.window().hidden).toEqual({ lines: 300 - shown, complete: true });
    expect(t.window().lines.map(message)).toEqual([
      'ERROR job 193 failed',
      'warning: slow 207',
      'warning: slow 232',
      'warning: slow 257',
      'warning: slow 282',
    ]);
    t.move({ kind: 'page', direction: -1 });
    await until(t, () => !t.window().following);
    expect(t.window().lines.map(message)).toEqual([
      'warning: slow 157',
      'ERROR job 163 failed',
      'ERROR job 173 failed',
      'warning: slow 182',
      'ERROR job 183 failed',
    ]);
    t.move({ kind: 'top' });
    await until(t, () => message(t.window().lines[0]!) === 'ERROR job 3 failed');
    expect(t.window()).toMatchObject({ atTop: true, following: false });
    expect(t.window().fraction).toBeLessThan(0.02);
    // Following on the filtered view: a shown line appears, a hidden one does not.
    t.move({ kind: 'tail' });
    await until(t, () => t.window().following);
    const current = join(root, 'web/log/main/current');
    appendFileSync(current, `${label(T0 + 400)} all fine\n${label(T0 + 401)} ERROR new one\n`);
    await until(t, () => t.window().lines.at(-1)?.endsWith('ERROR new one') === true);
    expect(t.window().lines.some((l) => l.endsWith('all fine'))).toBe(false);
    // No filter on: everything again.
    await t.setFilters([]);
    expect(t.window().lines.at(-2)).toMatch(/all fine$/);
    expect(t.window().hidden).toBeUndefined();
  });
  it('says which filter is wrong', async () => {
    const root = tempDir();
    const t = timeline(root, service(root));
    const result = await t.setFilters([{ text: '(', exclude: false, enabled: true }]);
    expect(result).toMatchObject({
      code: 'bad-query',
      text: expect.stringMatching(/^filter 1: bad pattern/),
    });
  });
});

describe('restart markers', () => {
  it('show in a single log, placed by time', async () => {
    const root = tempDir();
    const dir = service(root, 'crashy');
    mkdirSync(join(dir, 'supervise'), { recursive: true });
    const at = (s: number) => new Date((T0 + s) * 1000 + 500).toISOString();
    writeFileSync(
      join(dir, 'supervise/svtui-events'),
      encodeEvent({ time: at(295), service: 'crashy', kind: 'exit', text: 'exited 1', code: 1 }) +
        encodeEvent({ time: at(296), service: 'crashy', kind: 'start', text: 'started' }),
    );
    const t = timeline(root, dir, 10);
    const w = t.window();
    const row = w.origins?.findIndex((o) => o.marker);
    expect(row).toBeGreaterThan(0);
    expect(w.lines[row!]).toMatch(/── crashy exited 1, restarted ──$/);
    expect(message(w.lines[row! - 1]!)).toBe('request 295 ok');
    expect(w.lines).toHaveLength(10);
  });
});

describe('rotation under a search', () => {
  it('keeps the current hit when current is rotated', async () => {
    const root = tempDir();
    const dir = service(root);
    const t = timeline(root, dir);
    await t.search({ text: 'job 293' });
    await until(t, () => t.window().landed !== undefined && t.window().search?.running === false);
    const logDir = join(dir, 'log/main');
    renameSync(join(logDir, 'current'), join(logDir, `${label(T0 + 299)}.s`));
    writeFileSync(join(logDir, 'current'), `${label(T0 + 500)} after rotation\n`);
    expect(await t.step(-1)).toMatchObject({ code: 'none' });
    expect(await t.step(1)).toMatchObject({ code: 'none' });
  });
});

describe('counts that go on as the log grows', () => {
  it('"X hidden" and "hit X of Y" move with new lines, followed or not, through a rotation', async () => {
    const root = tempDir();
    const dir = service(root);
    const t = timeline(root, dir, 5);
    await t.setFilters([{ text: 'error', exclude: false, enabled: true }]);
    await t.search({ text: 'failed' });
    await until(
      t,
      () => t.window().hidden?.complete === true && t.window().search?.running === false,
    );
    expect(t.window().hidden).toEqual({ lines: 270, complete: true });
    expect(t.window().search).toMatchObject({ total: 30 });
    const logDir = join(dir, 'log/main');
    const current = join(logDir, 'current');
    appendFileSync(current, `${label(T0 + 400)} all fine\n${label(T0 + 401)} ERROR new failed\n`);
    await until(t, () => t.window().hidden?.lines === 271 && t.window().search?.total === 31);
    // Paged up, away from the end: still counted on.
    t.move({ kind: 'top' });
    await until(t, () => !t.window().following);
    appendFileSync(current, `${label(T0 + 402)} fine again\n${label(T0 + 403)} ERROR x failed\n`);
    await until(t, () => t.window().hidden?.lines === 272 && t.window().search?.total === 32);
    // Rotated by svlogd's rename; new lines in a new current.
    renameSync(current, join(logDir, `${label(T0 + 403)}.s`));
    writeFileSync(current, `${label(T0 + 404)} quiet\n${label(T0 + 405)} ERROR y failed\n`);
    await until(t, () => t.window().hidden?.lines === 273 && t.window().search?.total === 33);
    expect(t.window().hidden?.complete).toBe(true);
    expect(t.window().search?.running).toBe(false);
  });
});
