// The count of the lines filters hide in a merged timeline, directory after directory, with the
// order of a count's reports driven by hand: a worker thread posts its last progress twice (once
// as the count ends, once as the worker ends), and that second post arrives after the count's
// promise resolved and the next directory began. The total is 760 of 800 lines in every order,
// and when `current` is rotated as the count reaches it, as multilog, s6-log and svlogd do it.
import { appendFileSync, existsSync, linkSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeLogFiles, type LogFiles } from '../../src/logview/files.js';
import { countHidden } from '../../src/logview/merge/merged-filters.js';
import { CountOn } from '../../src/logview/search/count-on.js';
import { compileFilters, type FilterSpec } from '../../src/logview/search/filters.js';
import type { BackgroundCount } from '../../src/logview/search/hidden-lines.js';
import type { SearchProgress, SearchRun } from '../../src/logview/search/search-run.js';
import { LocalLogs } from '../../src/source/local/log.js';
import type { LogTimeline } from '../../src/source/port.js';
import { tempDir } from '../support/tools.js';
import { label, T0, until, writeLog } from './tools-helpers.js';

type Report = { lines: number; complete: boolean };
type Count = BackgroundCount;

/** alpha: a rotated file of 200 lines and current of 200; beta and gamma: 200 lines each. */
function dirs(): string[] {
  const root = tempDir();
  const sizes: [string, number][] = [
    ['alpha', 400],
    ['beta', 200],
    ['gamma', 200],
  ];
  return sizes.map(([name, count]) => {
    const dir = join(root, name, 'log/main');
    const lines = Array.from(
      { length: count },
      (_, i) => `${label(T0 + i)} ${name} line ${i % 200}`,
    );
    writeLog(dir, lines, 200, (last) => T0 + last);
    return dir;
  });
}

const specs: FilterSpec[] = [
  { text: 'line 19[0-9]$', exclude: false, enabled: true, literal: false },
];

function merged() {
  const compiled = compileFilters(specs);
  if ('error' in compiled) throw new Error(compiled.error);
  return { filters: compiled.filters, specs };
}

/** Every macrotask queued so far (and the ones they queue) run. */
const drained = () => new Promise((resolve) => setTimeout(resolve, 20));

/** As a worker reports: the last progress once more after the count has resolved. */
const lastPostedTwice: Count = async (run, _dir, segments, _spec, onProgress) => {
  const done = await run.count(segments, onProgress);
  setImmediate(() => onProgress(done));
  return done;
};

/** Progress that comes late: each report of a directory's count only after the count resolved. */
const allLate: Count = async (run, _dir, segments, _spec, onProgress) => {
  const reports: SearchProgress[] = [];
  const done = await run.count(segments, (p) => reports.push(p));
  setImmediate(() => {
    for (const p of reports) onProgress(p);
  });
  return done;
};

async function hidden(count: Count, files = nodeLogFiles()): Promise<Report[]> {
  const reports: Report[] = [];
  const live = new Set<SearchRun | CountOn>();
  await countHidden(dirs(), merged(), files, live, (h) => reports.push(h), count);
  await drained();
  // No count left running: each directory's is done and waits to count on.
  expect([...live].every((c) => c instanceof CountOn)).toBe(true);
  for (const c of live) c.cancel();
  return reports;
}

describe('the hidden lines of a merged timeline, counted', () => {
  for (const [name, count] of [
    [
      'reported as a count on this thread reports',
      (async (run, _d, segments, _s, onProgress) => run.count(segments, onProgress)) as Count,
    ],
    ['with the last progress posted twice, as a worker posts it', lastPostedTwice],
    ['with every progress arriving after its directory was done', allLate],
  ] as const) {
    it(name, async () => {
      const reports = await hidden(count);
      // The last word is the whole count, complete; nothing after it; no sum beyond it.
      expect(reports.at(-1)).toEqual({ lines: 760, complete: true });
      expect(reports.filter((r) => r.complete)).toHaveLength(1);
      expect(Math.max(...reports.map((r) => r.lines))).toBe(760);
    });
  }

  it('stops at a cancel and says nothing more, however late its directory reports', async () => {
    const reports: Report[] = [];
    const runs = new Set<SearchRun | CountOn>();
    const [alpha, beta] = dirs();
    const counting = countHidden(
      [alpha!, beta!],
      merged(),
      nodeLogFiles(),
      runs,
      (h) => reports.push(h),
      async (run, dir, segments, spec, onProgress) => {
        const done = await lastPostedTwice(run, dir, segments, spec, onProgress);
        // The filters changed as the first directory ended: its late post is not counted.
        for (const r of runs) r.cancel();
        return { ...done, done: false, cancelled: true };
      },
    );
    await counting;
    await drained();
    expect(reports.every((r) => !r.complete)).toBe(true);
    expect(reports.every((r) => r.lines <= 380)).toBe(true);
  });

  /**
   * The real file system, where alpha's `current` is rotated (`rotate(dir)`) the first time a
   * count opens it: after the listing, before a byte of it is read. The logger then writes on in
   * a new `current` (lines the listing did not see: not this count's; counting on takes them).
   */
  function rotatedAsOpened(rotate: (dir: string) => void): LogFiles {
    const real = nodeLogFiles();
    let rotated = false;
    return {
      list: (dir) => real.list(dir),
      open: (dir, name) => {
        if (!rotated && name === 'current' && dir.includes('/alpha/')) {
          rotated = true;
          rotate(dir);
          if (!existsSync(join(dir, 'current')))
            writeFileSync(join(dir, 'current'), `${label(T0 + 999)} alpha late line 1\n`);
        }
        return real.open(dir, name);
      },
    };
  }
  const rotatedName = `${label(T0 + 998)}.s`;

  it('counts a current that svlogd renamed to @….s mid-count once, under its new name', async () => {
    const files = rotatedAsOpened((dir) =>
      renameSync(join(dir, 'current'), join(dir, rotatedName)),
    );
    expect((await hidden(lastPostedTwice, files)).at(-1)).toEqual({ lines: 760, complete: true });
  });

  it('counts a current that multilog or s6-log moved to previous mid-count (not linked yet)', async () => {
    const files = rotatedAsOpened((dir) => renameSync(join(dir, 'current'), join(dir, 'previous')));
    expect((await hidden(lastPostedTwice, files)).at(-1)).toEqual({ lines: 760, complete: true });
  });

  it('counts it once while it is both previous and @….s, and grown before it was rotated', async () => {
    const files = rotatedAsOpened((dir) => {
      // Two more lines, hidden, written after the listing and before the rotation: counted.
      appendFileSync(join(dir, 'current'), `${label(T0 + 900)} x\n${label(T0 + 901)} y\n`);
      renameSync(join(dir, 'current'), join(dir, 'previous'));
      linkSync(join(dir, 'previous'), join(dir, rotatedName));
    });
    expect((await hidden(lastPostedTwice, files)).at(-1)).toEqual({ lines: 762, complete: true });
  });

  it('leaves out a current deleted before it was read: what it held is gone', async () => {
    // Replaced by a new file (written beside it first: a freed inode number is not reused).
    const files = rotatedAsOpened((dir) => {
      writeFileSync(join(dir, 'next'), `${label(T0 + 999)} alpha late line 1\n`);
      renameSync(join(dir, 'next'), join(dir, 'current'));
    });
    expect((await hidden(lastPostedTwice, files)).at(-1)).toEqual({ lines: 570, complete: true });
  });
});

describe('filters replaced while their hidden lines are counted', () => {
  const open: LogTimeline[] = [];
  afterEach(() => {
    for (const t of open.splice(0)) t.close();
  });
  const each: FilterSpec = { ...specs[0]!, text: 'line 1[0-9][0-9]$' };

  /** The count of the second filters, however the first one's count ends. */
  async function replaced(opened: LogTimeline | { text: string }, hidden: number) {
    if (!('window' in opened)) throw new Error(opened.text);
    const t = opened;
    open.push(t);
    const first = t.setFilters(specs);
    const second = t.setFilters([each]);
    await Promise.all([first, second]);
    await until(t, () => t.window().hidden?.complete === true);
    await drained();
    expect(t.window().hidden).toEqual({ lines: hidden, complete: true });
  }

  it("in one service's log", async () => {
    const [alpha] = dirs();
    const t = new LocalLogs(join(alpha!, '../../..')).open(join(alpha!, '../..'), 5);
    await replaced(t, 200);
  });

  it('in the merged timeline', async () => {
    const services = dirs().map((d) => join(d, '../..'));
    const t = new LocalLogs(join(services[0]!, '..')).openMerged(services, 5);
    await replaced(t, 400);
  });
});
