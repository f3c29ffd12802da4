// The view against coreutils on the same file: its tail is `tail -n`, its top is `head -n`,
// and page k back from the tail is `tail -n` of the right range — on lines of 0 to 3000 bytes,
// in two rotated files and current.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLogView } from '../../src/logview/index.js';
import { runSync, tempDir } from '../support/tools.js';
import { rotatedName } from './helpers.js';

function randomText(seed: number, lines: number): string {
  let a = seed >>> 0;
  const rand = () => (a = (Math.imul(a, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const length = rand() < 0.05 ? Math.floor(rand() * 3000) : Math.floor(rand() * 120);
    let line = `${seed}:${i} `;
    while (line.length < length) line += String.fromCharCode(33 + Math.floor(rand() * 90));
    out.push(line);
  }
  return out.join('\n') + '\n';
}

const tool = (argv: string[], file: string) =>
  runSync(argv.concat(file)).stdout.toString('utf8').split('\n').slice(0, -1);

describe('the view vs tail(1) and head(1)', () => {
  const dir = join(tempDir('svtui-logdiff-'), 'main');
  mkdirSync(dir);
  const files = [rotatedName(1), rotatedName(2), 'current'];
  files.forEach((name, k) => writeFileSync(join(dir, name), randomText(k + 1, 20_000)));
  const all = join(dir, '..', 'all');
  writeFileSync(all, files.map((name, k) => randomText(k + 1, 20_000)).join(''));

  for (const rows of [1, 24, 61]) {
    it(`${rows} rows`, () => {
      const view = openLogView(dir, { rows, watch: false, maxLineBytes: 4096 });
      expect(view.lines()).toEqual(tool(['tail', '-n', String(rows)], join(dir, 'current')));
      for (let page = 1; page <= 30; page++) view.pageUp();
      const expected = tool(['tail', '-n', String(rows * 31)], join(dir, 'current')).slice(0, rows);
      expect(view.lines()).toEqual(expected);
      view.top();
      expect(view.lines()).toEqual(tool(['head', '-n', String(rows)], join(dir, rotatedName(1))));
      // Page down across both file boundaries: the window is lines (k*rows .. ) of the whole.
      const whole = tool(['head', '-n', String(rows * 1100)], all);
      for (let page = 1; page <= 1000 && rows * (page + 2) < 60_000; page += 1) {
        view.pageDown();
        if (page % 97 === 0)
          expect(view.lines()).toEqual(whole.slice(page * rows, page * rows + rows));
      }
      view.close();
    });
  }
});
