// A log directory with several rotated files and current, read as one timeline: paging back and
// forth across file boundaries shows exactly the reference lines, in order.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLogView, type LogView } from '../../src/logview/index.js';
import { tempDir } from '../support/tools.js';
import { referenceLines, rotatedName, walkDown, walkUp } from './helpers.js';

const root = tempDir('svtui-logview-');
let views: LogView[] = [];
afterEach(() => {
  for (const v of views) v.close();
  views = [];
});
function open(dir: string, rows: number, maxLineBytes?: number): LogView {
  const view = openLogView(dir, { rows, watch: false, maxLineBytes });
  views.push(view);
  return view;
}

function numbered(prefix: string, count: number, from = 1): string {
  let out = '';
  for (let i = from; i < from + count; i++)
    out += `${prefix} ${i}${i % 7 === 0 ? ' ' + 'x'.repeat(i * 3) : ''}\n`;
  return out;
}

function makeTimeline(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, rotatedName(1)), numbered('one', 40));
  writeFileSync(join(dir, rotatedName(2)), numbered('two', 25) + '\n' + 'two unterminated');
  writeFileSync(join(dir, rotatedName(3, 'u')), numbered('three', 30));
  writeFileSync(join(dir, rotatedName(4)), ''); // an empty rotated file
  writeFileSync(join(dir, 'current'), numbered('cur', 17));
  writeFileSync(join(dir, 'lock'), '');
  writeFileSync(join(dir, 'state'), 'not a log line\n');
  return dir;
}

describe('one timeline over @….s, @….u and current', () => {
  const dir = makeTimeline('basic');
  const reference = referenceLines(dir);

  it('opens at the tail, following', () => {
    const view = open(dir, 5);
    expect(view.following).toBe(true);
    expect(view.lines()).toEqual(reference.slice(-5));
    expect(view.info()).toMatchObject({ file: 'current', fileCount: 5, following: true });
  });

  for (const rows of [1, 3, 7, 20, 200]) {
    it(`pages up from the tail to the top and down again (${rows} rows)`, () => {
      const view = open(dir, rows);
      let first = Math.max(0, reference.length - rows);
      expect(view.lines()).toEqual(reference.slice(first, first + rows));
      while (first > 0) {
        view.pageUp();
        first = Math.max(0, first - rows);
        expect(view.lines()).toEqual(reference.slice(first, first + rows));
        expect(view.following).toBe(false);
      }
      view.pageUp();
      expect(view.lines()).toEqual(reference.slice(0, rows));
      expect(view.info().atTop).toBe(true);
      while (!view.following) {
        view.pageDown();
        first = first + 2 * rows <= reference.length ? first + rows : reference.length - rows;
        expect(view.lines()).toEqual(reference.slice(Math.max(0, first), first + rows));
      }
      expect(view.lines()).toEqual(reference.slice(-rows));
    });
  }

  it('walks every line once, line by line, in both directions', () => {
    const view = open(dir, 4);
    expect(walkUp(view, 4)).toEqual(reference);
    expect(walkDown(view, 4)).toEqual(reference);
  });

  it('goes to the top and back to the tail', () => {
    const view = open(dir, 6);
    view.top();
    expect(view.lines()).toEqual(reference.slice(0, 6));
    expect(view.following).toBe(false);
    expect(view.info()).toMatchObject({ atTop: true, fileIndex: 0, offset: 0 });
    view.tail();
    expect(view.lines()).toEqual(reference.slice(-6));
    expect(view.following).toBe(true);
  });

  it('keeps a position and restores it in a new view', () => {
    const view = open(dir, 5);
    view.top();
    view.pageDown();
    view.pageDown();
    const position = view.position()!;
    const shown = [...view.lines()];
    const again = openLogView(dir, { rows: 5, watch: false, restore: position });
    views.push(again);
    expect(again.lines()).toEqual(shown);
    expect(again.following).toBe(false);
  });

  it('resizes around the first line', () => {
    const view = open(dir, 5);
    view.top();
    view.resize(9);
    expect(view.lines()).toEqual(reference.slice(0, 9));
  });
});

describe('odd directories', () => {
  it('an empty or missing directory gives no lines and says so', () => {
    const view = open(join(root, 'missing'), 5);
    expect(view.lines()).toEqual([]);
    expect(view.info().note).toMatch(/no log files/);
    view.pageUp();
    view.top();
    view.pageDown();
    expect(view.lines()).toEqual([]);
  });

  it('rotated files and no current yet', () => {
    const dir = join(root, 'nocurrent');
    mkdirSync(dir);
    writeFileSync(join(dir, rotatedName(9)), 'a\nb\nc\n');
    const view = open(dir, 2);
    expect(view.lines()).toEqual(['b', 'c']);
  });

  it('an empty current shows the end of the previous file', () => {
    const dir = join(root, 'emptycurrent');
    mkdirSync(dir);
    writeFileSync(join(dir, rotatedName(1)), 'a\nb\nc\n');
    writeFileSync(join(dir, 'current'), '');
    const view = open(dir, 2);
    expect(view.lines()).toEqual(['b', 'c']);
    expect(view.info().file).toBe(rotatedName(1));
  });

  it('a partial last line (still being written) is shown', () => {
    const dir = join(root, 'partial');
    mkdirSync(dir);
    writeFileSync(join(dir, 'current'), 'a\nb\nhalf a li');
    expect(open(dir, 2).lines()).toEqual(['b', 'half a li']);
  });

  it('empty lines and CRLF are kept as they are', () => {
    const dir = join(root, 'blank');
    mkdirSync(dir);
    writeFileSync(join(dir, 'current'), '\n\nx\r\n\n');
    expect(open(dir, 10).lines()).toEqual(['', '', 'x\r', '']);
  });
});

describe('very long lines', () => {
  const dir = join(root, 'long');
  mkdirSync(dir);
  const huge = 3 * 1024 * 1024 + 5; // beyond the 1 MiB scan limit: comes in pieces
  writeFileSync(
    join(dir, 'current'),
    'before\n' + 'L'.repeat(90_000) + '\nmiddle\n' + 'H'.repeat(huge) + '\nafter\n',
  );

  it('a 90 k-character line comes cut with the count of bytes not read', () => {
    const view = open(dir, 3, 4096);
    view.top();
    const [before, long, middle] = view.lines();
    expect(before).toBe('before');
    expect(long).toBe('L'.repeat(4096) + '… [+85904 bytes]');
    expect(middle).toBe('middle');
  });

  it('a 3 MB line never comes whole and paging passes it both ways', () => {
    const view = open(dir, 2, 4096);
    const up = walkUp(view, 2);
    expect(up[0]).toBe('before');
    expect(up.at(-1)).toBe('after');
    expect(up).toContain('middle');
    for (const line of up) expect(line.length).toBeLessThan(4096 + 40);
    const down = walkDown(view, 2);
    expect(down.slice(0, 3)).toEqual(['before', 'L'.repeat(4096) + '… [+85904 bytes]', 'middle']);
    expect(down.at(-1)).toBe('after');
    expect(down.filter((l) => l.startsWith('H')).length).toBeGreaterThanOrEqual(3);
  });

  it('invalid UTF-8 and raw C1 bytes come as \\xNN', () => {
    const bin = join(root, 'binary');
    mkdirSync(bin);
    writeFileSync(join(bin, 'current'), Buffer.from([0x61, 0x9b, 0x32, 0x4a, 10, 0xff, 0xe6, 10]));
    expect(open(bin, 2).lines()).toEqual(['a\\x9b2J', '\\xff\\xe6']);
  });
});
