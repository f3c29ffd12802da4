// A count that goes on as the log grows (SearchRun.countOn), over real files the way the
// loggers write and rotate them: lines appended to `current`, a line caught half-written,
// multilog and s6-log's `current` → `previous` → `@….s`, svlogd's rename, retention deleting the
// oldest file, a processor rewriting `current` into a new file. After each, the total is that of
// `grep -c` over the files there are, and a hit's number is its place among them.
import {
  appendFileSync,
  linkSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeLogFiles, type LogFiles } from '../../src/logview/files.js';
import { CountOn } from '../../src/logview/search/count-on.js';
import { chunkMatcher, queryLines } from '../../src/logview/search/filters.js';
import { isQueryError, parseQuery } from '../../src/logview/search/query.js';
import { SearchRun, type SearchProgress } from '../../src/logview/search/search-run.js';
import { timelineNames } from '../../src/logview/segments.js';
import { tempDir } from '../support/tools.js';
import { label, T0, writeLog } from './tools-helpers.js';

/** Lines ending in "line 19x": 10 of every 200. */
const PATTERN = 'line 19[0-9]$';

function run(dir: string, files: LogFiles = nodeLogFiles()): SearchRun {
  const query = parseQuery(PATTERN);
  if (isQueryError(query)) throw new Error(query.error);
  const matcher = chunkMatcher(query);
  return new SearchRun({ files, dir }, (c) => queryLines(c, matcher), matcher);
}

/** The same run, its files seen through `files` from now on. */
function withFiles(r: SearchRun, files: LogFiles): SearchRun {
  (r as unknown as { deps: { files: LogFiles } }).deps.files = files;
  return r;
}

/** 400 lines: a rotated file of 200 and `current` of 200 (20 hits). */
function logDir(): string {
  const dir = join(tempDir(), 'log/main');
  const lines = Array.from({ length: 400 }, (_, i) => `${label(T0 + i)} line ${i % 200}`);
  writeLog(dir, lines, 200, (last) => T0 + last);
  return dir;
}

/** What grep -c over the timeline's files (oldest first) counts. */
function grepCount(dir: string): number {
  const files = nodeLogFiles();
  const text = timelineNames(files.list(dir).map((s) => s.name))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('');
  return text.split('\n').filter((l) => / line 19[0-9]$/.test(l)).length;
}

const line = (i: number, n: number) => `${label(T0 + 1000 + i)} line ${n}\n`;

async function counted(dir: string): Promise<SearchRun> {
  const r = run(dir);
  const files = nodeLogFiles();
  expect((await r.count(files.list(dir), () => {})).total).toBe(20);
  return r;
}

describe('counting on as the log grows', () => {
  it('counts the lines appended to current, and nothing twice when nothing changed', async () => {
    const dir = logDir();
    const r = await counted(dir);
    appendFileSync(join(dir, 'current'), line(0, 190) + line(1, 5) + line(2, 199));
    expect((await r.countOn(() => {})).total).toBe(22);
    expect((await r.countOn(() => {})).total).toBe(22);
    expect(grepCount(dir)).toBe(22);
    expect(r.progress()).toMatchObject({ done: true, cancelled: false });
    expect(r.progress().scanned).toBe(r.progress().size);
  });

  it('takes back a line it found half-written and counts it once, whole', async () => {
    const dir = logDir();
    const current = join(dir, 'current');
    // "line 1" is no hit yet; once written out as "line 195" it is.
    appendFileSync(current, `${label(T0 + 1000)} line 1`);
    const r = await counted(dir);
    appendFileSync(current, `95\n`);
    expect((await r.countOn(() => {})).total).toBe(21);
    // Half-written, "line 198" is a hit (grep -c would say so too); whole, it is none.
    appendFileSync(current, `${label(T0 + 1001)} line 198`);
    expect((await r.countOn(() => {})).total).toBe(22);
    appendFileSync(current, ` and more\n`);
    expect((await r.countOn(() => {})).total).toBe(21);
    expect(grepCount(dir)).toBe(21);
  });

  it("follows multilog's rotation: current → previous → @….s, a new current beside it", async () => {
    const dir = logDir();
    const r = await counted(dir);
    const current = join(dir, 'current');
    appendFileSync(current, line(0, 191));
    renameSync(current, join(dir, 'previous'));
    writeFileSync(current, line(1, 192) + line(2, 7));
    // Caught between the rename and the link: previous still counts.
    expect((await r.countOn(() => {})).total).toBe(22);
    const rotated = join(dir, `${label(T0 + 1001)}.s`);
    linkSync(join(dir, 'previous'), rotated);
    unlinkSync(join(dir, 'previous'));
    expect((await r.countOn(() => {})).total).toBe(22);
    appendFileSync(current, line(3, 193));
    expect((await r.countOn(() => {})).total).toBe(23);
    expect(grepCount(dir)).toBe(23);
  });

  it("follows svlogd's rename of current to @….s", async () => {
    const dir = logDir();
    const r = await counted(dir);
    const current = join(dir, 'current');
    appendFileSync(current, line(0, 194));
    renameSync(current, join(dir, `${label(T0 + 1000)}.s`));
    writeFileSync(current, line(1, 195));
    expect((await r.countOn(() => {})).total).toBe(22);
    expect(grepCount(dir)).toBe(22);
  });

  it('drops what retention deleted; a hit keeps its place among the files left', async () => {
    const dir = logDir();
    const r = await counted(dir);
    const files = nodeLogFiles();
    const [oldest, current] = files.list(dir);
    const read = (id: string, start: number, end: number) =>
      readFileSync(join(dir, files.list(dir).find((s) => s.id === id)!.name)).subarray(start, end);
    const text = readFileSync(join(dir, 'current'), 'utf8');
    const lastHit = text.lastIndexOf('\n', text.length - 2);
    const at = { fileId: current!.id, name: 'current', offset: lastHit + 1 };
    expect(r.ordinal(at, read)).toBe(20);
    const before = r.revision;
    unlinkSync(join(dir, oldest!.name));
    appendFileSync(join(dir, 'current'), line(0, 196));
    expect((await r.countOn(() => {})).total).toBe(11);
    expect(r.revision).not.toBe(before);
    expect(r.ordinal(at, read)).toBe(10);
    expect(grepCount(dir)).toBe(11);
  });

  it("counts a processor's output, a new file in place of the current it read", async () => {
    const dir = logDir();
    const r = await counted(dir);
    const current = join(dir, 'current');
    // The processor kept only the hits, and wrote them as a new file; previous is removed.
    const kept = readFileSync(current, 'utf8')
      .split('\n')
      .filter((l) => / line 19[0-9]$/.test(l))
      .slice(0, 4);
    renameSync(current, join(dir, 'previous'));
    writeFileSync(join(dir, `${label(T0 + 999)}.s`), kept.map((l) => `${l}\n`).join(''));
    // multilog opens the new current before it removes previous.
    writeFileSync(current, line(0, 197));
    unlinkSync(join(dir, 'previous'));
    expect((await r.countOn(() => {})).total).toBe(10 + 4 + 1);
    expect(grepCount(dir)).toBe(15);
  });

  /** The real files, a file listed or opened under `name` given the identity `id`. */
  function reusing(name: string, id: string): LogFiles {
    const real = nodeLogFiles();
    return {
      list: (dir) => real.list(dir).map((s) => (s.name === name ? { ...s, id } : s)),
      open: (dir, opened) => {
        const file = real.open(dir, opened);
        return file && opened === name ? Object.assign(file, { id }) : file;
      },
    };
  }

  it('knows a new current on the inode of a rotated file it counted (multilog deletes, then opens)', async () => {
    const dir = logDir();
    const files = nodeLogFiles();
    const [oldest] = files.list(dir);
    const first = run(dir);
    await first.count(files.list(dir), () => {});
    const current = join(dir, 'current');
    renameSync(current, join(dir, `${label(T0 + 1000)}.s`));
    unlinkSync(join(dir, oldest!.name));
    writeFileSync(current, line(0, 190) + line(1, 191) + line(2, 1));
    const r = withFiles(first, reusing('current', oldest!.id));
    expect((await r.countOn(() => {})).total).toBe(10 + 2);
    expect(grepCount(dir)).toBe(12);
  });

  it('knows a new current on the inode of the current it counted, by its first bytes', async () => {
    const dir = logDir();
    const files = nodeLogFiles();
    const [, counted] = files.list(dir);
    const first = run(dir);
    await first.count(files.list(dir), () => {});
    const current = join(dir, 'current');
    // Rotated, then deleted by retention; the next current, longer, is on its inode.
    renameSync(current, join(dir, 'gone'));
    writeFileSync(current, Array.from({ length: 250 }, (_, i) => line(i, 190 + (i % 20))).join(''));
    unlinkSync(join(dir, 'gone'));
    const r = withFiles(first, reusing('current', counted!.id));
    expect((await r.countOn(() => {})).total).toBe(10 + 130);
    expect(grepCount(dir)).toBe(140);
  });

  it('stops when cancelled, and a cancelled count never counts on', async () => {
    const dir = logDir();
    const r = await counted(dir);
    appendFileSync(join(dir, 'current'), line(0, 190));
    r.cancel();
    expect((await r.countOn(() => {})).cancelled).toBe(true);
    const reports: SearchProgress[] = [];
    const on = new CountOn(r, (p) => reports.push(p), 0).after(Promise.resolve(r.progress()));
    on.changed();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reports).toEqual([]);
  });
});

describe('CountOn', () => {
  it('waits for the first count, then takes a burst of changes in few passes', async () => {
    const dir = logDir();
    const r = run(dir);
    const reports: number[] = [];
    let clock = 0;
    const on = new CountOn(
      r,
      (p) => reports.push(p.total),
      50,
      () => clock,
    );
    const first = r.count(nodeLogFiles().list(dir), () => {});
    on.after(first);
    appendFileSync(join(dir, 'current'), line(0, 190));
    // Told before the first count ended: it counts on once that is done.
    on.changed();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reports.at(-1)).toBe(21);
    const passes = reports.length;
    clock = 10;
    for (let i = 1; i <= 5; i++) {
      appendFileSync(join(dir, 'current'), line(i, 190 + i));
      on.changed();
    }
    clock = 100;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reports.at(-1)).toBe(26);
    expect(reports.length - passes).toBeLessThanOrEqual(2);
    on.cancel();
  });
});
