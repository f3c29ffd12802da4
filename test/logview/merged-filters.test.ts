// Filters on the merged timeline over real files: the lines shown are exactly the merged lines
// the filters let through (markers always shown), in the same order, paged both ways, followed,
// jumped in, searched; the hidden lines counted; a filtered directory read in small chunks
// across rotated files gives what a filter of every line gives.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEvent } from '../../src/health/event.js';
import { nodeLogFiles } from '../../src/logview/files.js';
import { FilteredStream } from '../../src/logview/merge/filtered-stream.js';
import { DirectoryStream, type StreamItem } from '../../src/logview/merge/streams.js';
import { compileFilters, shownLines, shows } from '../../src/logview/search/filters.js';
import { messageStart } from '../../src/logview/search/stamp.js';
import { LocalLogs } from '../../src/source/local/log.js';
import type { LogFilterInput, LogTimeline, LogWindowFacts } from '../../src/source/port.js';
import { resolveZone } from '../../src/time/zone.js';
import { tempDir } from '../support/tools.js';
import { label, T0, until, writeLog } from './tools-helpers.js';

const open: LogTimeline[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

/** alpha at even seconds, beta at odd ones; every fifth line of each says "slow". */
function tree(root: string) {
  const write = (name: string, offset: number) =>
    writeLog(
      join(root, name, 'log/main'),
      Array.from(
        { length: 60 },
        (_, i) => `${label(T0 + 2 * i + offset)} ${name} ${i}${i % 5 === 0 ? ' slow' : ''}`,
      ),
      25,
      (i) => T0 + 2 * i + offset,
    );
  write('alpha', 0);
  write('beta', 1);
  return ['alpha', 'beta'].map((n) => join(root, n));
}

function merged(root: string, dirs: string[], rows: number): LogTimeline {
  const t = new LocalLogs(root).openMerged(dirs, rows);
  if ('code' in t) throw new Error(t.text);
  open.push(t);
  return t;
}

const rows = (w: LogWindowFacts) =>
  w.lines.map((l, i) => `${w.origins![i]!.service}|${l.slice(messageStart(l))}`);

const settled = (t: LogTimeline, check: (w: LogWindowFacts) => boolean) =>
  until(t, () => check(t.window()));

/** Every row of the timeline, top to bottom, by pages (each row's text is unique). */
async function everyRow(t: LogTimeline, pageRows: number): Promise<string[]> {
  t.move({ kind: 'top' });
  await settled(t, (w) => w.atTop);
  const out = new Set(rows(t.window()));
  for (let i = 0; i < 100 && !t.window().following; i++) {
    const before = rows(t.window()).join('\n');
    t.move({ kind: 'page', direction: 1 });
    await settled(t, (w) => rows(w).join('\n') !== before);
    for (const row of rows(t.window())) out.add(row);
  }
  expect(out.size).toBeGreaterThan(pageRows);
  return [...out];
}

const show = (text: string, exclude = false): LogFilterInput => ({
  text,
  exclude,
  enabled: true,
});

describe('filters on the merged timeline', () => {
  it('shows the merged lines the filters let through, in merged order, and counts the rest', async () => {
    const root = tempDir();
    const dirs = tree(root);
    const plain = merged(root, dirs, 7);
    const all = await everyRow(plain, 7);
    expect(all).toHaveLength(120);

    const t = merged(root, dirs, 7);
    expect((await t.setFilters([show('slow')])).code).toBe('found');
    await settled(t, (w) => w.hidden?.complete === true);
    expect(t.window().hidden).toEqual({ lines: 96, complete: true });
    const slow = all.filter((r) => r.endsWith(' slow'));
    expect(rows(t.window())).toEqual(slow.slice(-7));
    expect(await everyRow(t, 7)).toEqual(slow);

    // Hide one service's lines as well: include and exclude composed.
    await t.setFilters([show('slow'), show('^beta', true)]);
    await settled(t, (w) => w.hidden?.complete === true);
    expect(t.window().hidden?.lines).toBe(108);
    expect(await everyRow(t, 7)).toEqual(slow.filter((r) => r.startsWith('alpha|')));

    // No filter: every line again, where the window was.
    await t.setFilters([{ ...show('slow'), enabled: false }]);
    expect(t.window().hidden).toBeUndefined();
    expect(await everyRow(t, 7)).toEqual(all);
  });

  it('pages up from the tail and back, follows new lines that pass, keeps markers', async () => {
    const root = tempDir();
    const dirs = tree(root);
    const t = merged(root, dirs, 4);
    await t.setFilters([show('slow')]);
    await settled(t, (w) => rows(w).every((r) => r.endsWith(' slow')));
    const tail = rows(t.window());
    expect(tail).toEqual([
      'alpha|alpha 50 slow',
      'beta|beta 50 slow',
      'alpha|alpha 55 slow',
      'beta|beta 55 slow',
    ]);
    t.move({ kind: 'page', direction: -1 });
    await settled(t, (w) => !w.following);
    expect(rows(t.window())).toEqual([
      'alpha|alpha 40 slow',
      'beta|beta 40 slow',
      'alpha|alpha 45 slow',
      'beta|beta 45 slow',
    ]);
    t.move({ kind: 'page', direction: 1 });
    await settled(t, (w) => rows(w).join() === tail.join());
    t.move({ kind: 'tail' });
    await settled(t, (w) => w.following);
    expect(rows(t.window())).toEqual(tail);

    // New lines: only the one that passes shows; the window follows it.
    appendFileSync(join(dirs[0]!, 'log/main/current'), `${label(T0 + 200)} alpha late slow\n`);
    appendFileSync(join(dirs[1]!, 'log/main/current'), `${label(T0 + 201)} beta late\n`);
    await settled(t, (w) => rows(w).at(-1) === 'alpha|alpha late slow');
    expect(rows(t.window()).slice(0, 3)).toEqual(tail.slice(1));

    // A restart is a marker line, shown whatever the filters.
    const time = new Date((T0 + 202) * 1000).toISOString();
    mkdirSync(join(dirs[1]!, 'supervise'), { recursive: true });
    writeFileSync(
      join(dirs[1]!, 'supervise/svtui-events'),
      encodeEvent({ time, service: 'beta', kind: 'exit', text: 'exited 1', code: 1 }) +
        encodeEvent({ time, service: 'beta', kind: 'start', text: 'started' }),
    );
    await settled(t, (w) => (w.origins ?? []).some((o) => o.marker));
    expect(rows(t.window()).at(-2)).toBe('alpha|alpha late slow');
  });

  it('searches and jumps among the shown lines only', async () => {
    const root = tempDir();
    const t = merged(root, tree(root), 4);
    await t.setFilters([show('slow')]);
    await t.search({ text: 'beta' });
    await settled(t, (w) => w.search?.running === false && w.landed !== undefined);
    expect(t.window().search?.total).toBe(12);
    expect(rows(t.window())[t.window().landed!]).toBe('beta|beta 55 slow');
    expect((await t.step(-1)).code).toBe('found');
    expect(rows(t.window())[t.window().landed!]).toBe('beta|beta 50 slow');
    expect((await t.jump('2026-11-30 10:00:41', 'UTC')).code).toBe('found');
    // The first shown line at or after 10:00:41: beta's line 20 (alpha's is at :40).
    await settled(t, (w) => rows(w)[0] === 'beta|beta 20 slow');
    expect(rows(t.window())).toEqual([
      'beta|beta 20 slow',
      'alpha|alpha 25 slow',
      'beta|beta 25 slow',
      'alpha|alpha 30 slow',
    ]);
  });

  it('refuses a filter that does not compile, naming it', async () => {
    const root = tempDir();
    const t = merged(root, tree(root), 4);
    const set = await t.setFilters([show('slow'), show('(')]);
    expect(set.code).toBe('bad-query');
    expect(set.text).toMatch(/^filter 2: /);
  });
});

describe('the merged counts as the logs grow', () => {
  it('"X hidden" and the hits counted go on with new lines in any service', async () => {
    const root = tempDir();
    const dirs = tree(root);
    const t = merged(root, dirs, 7);
    await t.setFilters([show('slow')]);
    await t.search({ text: 'beta' });
    await settled(t, (w) => w.hidden?.complete === true && w.search?.running === false);
    expect(t.window().hidden).toEqual({ lines: 96, complete: true });
    expect(t.window().search?.total).toBe(12);
    const current = (name: string) => join(root, name, 'log/main/current');
    appendFileSync(current('alpha'), `${label(T0 + 500)} alpha 60\n${label(T0 + 502)} alpha 61\n`);
    appendFileSync(current('beta'), `${label(T0 + 501)} beta 60 slow\n`);
    await settled(t, (w) => w.hidden?.lines === 98 && w.search?.total === 13);
    expect(t.window().hidden?.complete).toBe(true);
  });
});

describe('a filtered directory', () => {
  it('reads in small chunks across rotated files what a filter of every line gives', () => {
    const root = tempDir();
    const [alpha] = tree(root);
    const dir = join(alpha!, 'log/main');
    const compiled = compileFilters([
      { text: 'alpha [1-3][05] slow', exclude: false, enabled: true },
    ]);
    if ('error' in compiled) throw new Error(compiled.error);
    const { filters } = compiled;
    const zone = resolveZone('UTC').zone;
    const files = nodeLogFiles();
    const plain = new DirectoryStream(files, dir, 0, zone).before(undefined, 1000);
    const wanted = plain.filter((i) => shows(filters, i.text.slice(messageStart(i.text))));
    expect(wanted).toHaveLength(6);
    const stream = new FilteredStream({
      files,
      dir,
      source: 0,
      stampZone: zone,
      select: (c) => shownLines(c, filters),
      maxLineBytes: 4096,
      chunkBytes: 97,
    });
    const text = (items: StreamItem[]) => items.map((i) => i.text);
    expect(text(stream.before(undefined, 100))).toEqual(text(wanted));
    // From any plain line, the shown ones from there, and before it.
    for (const [k, line] of plain.entries()) {
      const after = wanted.filter((w) => plain.indexOf(w) >= k);
      const before = wanted.filter((w) => plain.indexOf(w) < k);
      expect(text(stream.from(line.pos, 100))).toEqual(text(after));
      expect(text(stream.before(line.pos, 2))).toEqual(text(before.slice(-2)));
    }
    expect(stream.first()).toEqual(wanted[0]!.pos);
    // An item's next place: the shown lines after it.
    expect(text(stream.from(wanted[2]!.next, 1))).toEqual(text([wanted[3]!]));
  });
});
