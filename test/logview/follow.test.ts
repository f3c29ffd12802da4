// Following a live log directory: appended lines arrive (batched), rotation (current renamed to
// @….s and a fresh current) loses and duplicates nothing, a file deleted by retention under a
// held position moves the view to what follows, and the real multilog writes through a pipe.
import { appendFileSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLogView, type LogView } from '../../src/logview/index.js';
import { pollLogDir } from '../../src/logview/watch.js';
import { startProcess, stopProcess, waitFor } from '../support/processes.js';
import { haveTools, tempDir, which } from '../support/tools.js';
import { referenceLines, rotatedName, walkUp } from './helpers.js';

const root = tempDir('svtui-logfollow-');
let views: LogView[] = [];
afterEach(() => {
  for (const v of views) v.close();
  views = [];
});
function follow(dir: string, rows: number): LogView {
  const view = openLogView(dir, { rows, pollMs: 250 });
  views.push(view);
  return view;
}
let dirs = 0;
function freshDir(content?: string): string {
  const dir = join(root, `d${++dirs}`);
  mkdirSync(dir);
  if (content !== undefined) writeFileSync(join(dir, 'current'), content);
  return dir;
}
const last = (view: LogView) => view.lines().at(-1);

describe('following', () => {
  it('shows an appended line soon after it is written, one notification per batch', async () => {
    const dir = freshDir('a\n');
    const view = follow(dir, 3);
    let notified = 0;
    let seenAt = 0;
    view.onChange(() => {
      notified++;
      if (last(view) === 'b') seenAt ||= performance.now();
    });
    const wrote = performance.now();
    appendFileSync(join(dir, 'current'), 'b\n');
    await waitFor(() => seenAt > 0, 3000, 5);
    console.log(`logview: appended line seen by onChange after ${(seenAt - wrote).toFixed(1)} ms`);
    expect(view.lines()).toEqual(['a', 'b']);

    notified = 0;
    for (let i = 0; i < 2000; i++) appendFileSync(join(dir, 'current'), `burst ${i}\n`);
    await waitFor(() => last(view) === 'burst 1999', 3000, 5);
    expect(view.lines()).toEqual(['burst 1997', 'burst 1998', 'burst 1999']);
    expect(notified).toBeLessThan(10); // batched, not one per line
  });

  it('a partial line grows in place, never duplicated', async () => {
    const dir = freshDir('one\nhalf');
    const view = follow(dir, 5);
    expect(view.lines()).toEqual(['one', 'half']);
    appendFileSync(join(dir, 'current'), ' and the rest\ntwo\n');
    await waitFor(() => last(view) === 'two', 3000, 5);
    expect(view.lines()).toEqual(['one', 'half and the rest', 'two']);
  });

  it('survives rotation: current renamed to @….s, a fresh current', async () => {
    const dir = freshDir('');
    const view = follow(dir, 4);
    let n = 0;
    const write = (count: number) => {
      let text = '';
      for (let i = 0; i < count; i++) text += `line ${++n}\n`;
      appendFileSync(join(dir, 'current'), text);
    };
    for (let r = 1; r <= 5; r++) {
      write(7);
      await waitFor(() => last(view) === `line ${n}`, 3000, 5);
      renameSync(join(dir, 'current'), join(dir, rotatedName(r)));
      writeFileSync(join(dir, 'current'), '');
      write(1);
      await waitFor(() => last(view) === `line ${n}`, 3000, 5);
      expect(view.lines()).toEqual([n - 3, n - 2, n - 1, n].map((i) => `line ${i}`));
    }
    const all = Array.from({ length: n }, (_, i) => `line ${i + 1}`);
    expect(walkUp(view, 4)).toEqual(all);
  });

  it('a held position stays on its line when its current is rotated', async () => {
    const dir = freshDir('p1\np2\np3\np4\np5\n');
    const view = follow(dir, 2);
    view.top();
    view.scroll(1);
    expect(view.lines()).toEqual(['p2', 'p3']);
    let changed = 0;
    view.onChange(() => changed++);
    renameSync(join(dir, 'current'), join(dir, rotatedName(1)));
    writeFileSync(join(dir, 'current'), 'q1\n');
    await waitFor(() => changed > 0, 3000, 5);
    expect(view.lines()).toEqual(['p2', 'p3']);
    expect(view.info().file).toBe(rotatedName(1));
    expect(view.following).toBe(false);
  });

  it('moves on when retention deletes the file under the position', async () => {
    const dir = freshDir('c1\n');
    writeFileSync(join(dir, rotatedName(1)), 'old1\nold2\nold3\n');
    writeFileSync(join(dir, rotatedName(2)), 'mid1\nmid2\n');
    const view = follow(dir, 2);
    view.top();
    view.scroll(1);
    expect(view.lines()).toEqual(['old2', 'old3']);
    let changed = 0;
    view.onChange(() => changed++);
    unlinkSync(join(dir, rotatedName(1)));
    await waitFor(() => changed > 0, 3000, 5);
    expect(view.lines()).toEqual(['mid1', 'mid2']);
    expect(view.info().note).toMatch(/gone/);
    expect(view.info().atTop).toBe(true);
    view.pageDown();
    expect(view.lines()).toEqual(['mid2', 'c1']);
    expect(view.following).toBe(true);
  });

  it('the stat poll alone (fs.watch silent) still brings a new line', async () => {
    const dir = freshDir('x\n');
    const view = openLogView(dir, { rows: 2, pollMs: 80 }, { watch: pollLogDir });
    views.push(view);
    appendFileSync(join(dir, 'current'), 'y\n');
    await waitFor(() => last(view) === 'y', 3000, 5);
    renameSync(join(dir, 'current'), join(dir, rotatedName(1)));
    writeFileSync(join(dir, 'current'), 'z\n');
    await waitFor(() => last(view) === 'z', 3000, 5);
    expect(view.lines()).toEqual(['y', 'z']);
  });

  it('a directory that appears later is picked up', async () => {
    const dir = join(root, 'later');
    const view = follow(dir, 2);
    expect(view.lines()).toEqual([]);
    mkdirSync(dir);
    writeFileSync(join(dir, 'current'), 'hello\n');
    await waitFor(() => last(view) === 'hello', 3000, 5);
  });
});

describe('following the real multilog through a pipe', () => {
  const multilog = which('multilog');
  it.skipIf(!haveTools('multilog'))('every line, in order, across its rotations', async () => {
    const dir = tempDir('svtui-logfollow-ml-');
    const child = startProcess(multilog!, ['t', 's4096', 'n100', './main'], {
      cwd: dir,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const main = join(dir, 'main');
    const view = follow(main, 5);
    const strip = (line: string | undefined) => line?.replace(/^@[0-9a-f]{24} /, '');
    const written: string[] = [];
    for (let batch = 0; batch < 20; batch++) {
      let text = '';
      for (let i = 0; i < 25; i++) {
        const line = `batch ${batch} line ${i} ${'.'.repeat((batch * 7 + i * 13) % 90)}`;
        written.push(line);
        text += line + '\n';
      }
      child.stdin!.write(text);
      await waitFor(() => strip(last(view)) === written.at(-1), 5000, 5);
    }
    expect(view.lines().map(strip)).toEqual(written.slice(-5));
    expect(view.info().fileCount).toBeGreaterThan(5); // it rotated under us
    child.stdin!.end();
    await new Promise((done) => child.once('exit', done));
    await stopProcess(child);
    expect(walkUp(view, 7).map(strip)).toEqual(written);
    expect(referenceLines(main).map(strip)).toEqual(written);
  });
});
