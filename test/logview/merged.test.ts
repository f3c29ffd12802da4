// One merged timeline of several services over real files: order by label with prefixes,
// paging both ways, following, rotation under the reader, markers, search and jumps.
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEvent } from '../../src/health/event.js';
import { LocalLogs } from '../../src/source/local/log.js';
import type { LogTimeline, LogWindowFacts } from '../../src/source/port.js';
import { tempDir } from '../support/tools.js';
import { label, T0, until, writeLog } from './tools-helpers.js';

const open: LogTimeline[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

/** alpha logs at even seconds, beta at odd ones (and a stack trace), gamma at the same as alpha. */
function tree(root: string) {
  const write = (name: string, lines: string[]) =>
    writeLog(join(root, name, 'log/main'), lines, 20, (i) => T0 + 2 * i + 1);
  write(
    'alpha',
    Array.from({ length: 50 }, (_, i) => `${label(T0 + 2 * i)} alpha ${i}`),
  );
  write(
    'beta',
    Array.from({ length: 50 }, (_, i) =>
      i === 10
        ? `${label(T0 + 2 * i + 1)} beta ${i} panic\n  at frame 1`
        : `${label(T0 + 2 * i + 1)} beta ${i}`,
    ).flatMap((l) => l.split('\n')),
  );
  write(
    'gamma',
    Array.from({ length: 5 }, (_, i) => `${label(T0 + 2 * i)} gamma ${i}`),
  );
  return ['alpha', 'beta', 'gamma'].map((n) => join(root, n));
}

function merged(root: string, dirs: string[], rows: number): LogTimeline {
  const t = new LocalLogs(root).openMerged(dirs, rows);
  if ('code' in t) throw new Error(t.text);
  open.push(t);
  return t;
}

const rows = (w: LogWindowFacts) =>
  w.lines.map((l, i) => `${w.origins![i]!.service}|${l.slice(26)}`);

describe('the merged timeline', () => {
  it('interleaves by label, equal labels in the services order, unstamped lines with theirs', () => {
    const root = tempDir();
    const t = merged(root, tree(root), 8);
    t.move({ kind: 'top' });
    expect(rows(t.window())).toEqual([
      'alpha|alpha 0',
      'gamma|gamma 0',
      'beta|beta 0',
      'alpha|alpha 1',
      'gamma|gamma 1',
      'beta|beta 1',
      'alpha|alpha 2',
      'gamma|gamma 2',
    ]);
    for (let i = 0; i < 3; i++) t.move({ kind: 'page', direction: 1 });
    const w = rows(t.window());
    const panic = w.indexOf('beta|beta 10 panic');
    expect(panic).toBeGreaterThanOrEqual(0);
    expect(t.window().lines[panic + 1]).toBe('  at frame 1');
  });
  it('pages up from the tail and back down to it, reading the same lines both ways', () => {
    const root = tempDir();
    const t = merged(root, tree(root), 7);
    const down: string[] = [];
    t.move({ kind: 'top' });
    for (let guard = 0; guard < 100; guard++) {
      down.push(...rows(t.window()));
      t.move({ kind: 'page', direction: 1 });
      if (t.window().following) break;
    }
    expect(t.window().following).toBe(true);
    down.push(...rows(t.window()));
    const up: string[][] = [];
    for (let guard = 0; guard < 100 && !t.window().atTop; guard++) {
      up.unshift(rows(t.window()));
      t.move({ kind: 'page', direction: -1 });
    }
    up.unshift(rows(t.window()));
    const fromTop = up.flat();
    // Every line once (106 lines), in the same order both ways.
    const unique = [...new Set(fromTop)];
    expect(unique).toHaveLength(106);
    expect([...new Set(down)]).toEqual(unique);
  });
  it('follows new lines of any service and keeps its place when current rotates', async () => {
    const root = tempDir();
    const dirs = tree(root);
    const t = merged(root, dirs, 5);
    appendFileSync(join(dirs[1]!, 'log/main/current'), `${label(T0 + 200)} beta late\n`);
    await until(t, () => t.window().lines.at(-1)?.endsWith('beta late') === true);
    t.move({ kind: 'page', direction: -1 });
    t.move({ kind: 'page', direction: -1 });
    const before = t.window().lines;
    const logDir = join(dirs[0]!, 'log/main');
    renameSync(join(logDir, 'current'), join(logDir, `${label(T0 + 150)}.s`));
    writeFileSync(join(logDir, 'current'), '');
    await new Promise((r) => setTimeout(r, 150));
    t.move({ kind: 'line', direction: 1 });
    t.move({ kind: 'line', direction: -1 });
    expect(t.window().lines).toEqual(before);
  });
  it('shows each restart as a marker line in its place', () => {
    const root = tempDir();
    const dirs = tree(root);
    mkdirSync(join(dirs[2]!, 'supervise'), { recursive: true });
    const time = new Date((T0 + 4) * 1000 + 500).toISOString();
    writeFileSync(
      join(dirs[2]!, 'supervise/svtui-events'),
      encodeEvent({ time, service: 'gamma', kind: 'exit', text: 'exited 2', code: 2 }) +
        encodeEvent({ time, service: 'gamma', kind: 'start', text: 'started' }),
    );
    const t = merged(root, dirs, 10);
    t.move({ kind: 'top' });
    const w = t.window();
    const row = w.origins!.findIndex((o) => o.marker);
    expect(w.origins![row]!.service).toBe('gamma');
    expect(w.lines[row]).toMatch(/── gamma exited 2, restarted ──$/);
    expect(rows(w)[row - 1]).toBe('gamma|gamma 2');
    expect(rows(w)[row + 1]).toBe('beta|beta 2');
  });
  it('searches, steps and jumps over all the services', async () => {
    const root = tempDir();
    const t = merged(root, tree(root), 6);
    await t.search({ text: ' 4$' });
    await until(t, () => t.window().search?.running === false && t.window().landed !== undefined);
    expect(t.window().search?.total).toBe(3);
    let w = t.window();
    expect(rows(w)[w.landed!]).toBe('beta|beta 4');
    expect((await t.step(-1)).code).toBe('found');
    w = t.window();
    expect(rows(w)[w.landed!]).toBe('gamma|gamma 4');
    expect((await t.step(-1)).code).toBe('found');
    w = t.window();
    expect(rows(w)[w.landed!]).toBe('alpha|alpha 4');
    expect((await t.step(-1)).code).toBe('none');
    expect((await t.stepLevel('error', 1)).code).toBe('found');
    w = t.window();
    expect(rows(w)[w.landed!]).toBe('beta|beta 10 panic');
    expect((await t.jump('2026-11-30 10:01:00', 'UTC')).code).toBe('found');
    expect(rows(t.window())[0]).toBe('alpha|alpha 30');
  });
});
