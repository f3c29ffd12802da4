// Helpers for the log view tests: rotated file names, a reference reading of a whole (small)
// log directory, and a walk over a view.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timelineNames } from '../../src/logview/segments.js';
import type { LogView } from '../../src/logview/index.js';

/** A valid rotated file name `@<24 hex>.s` whose order follows `n`. */
export function rotatedName(n: number, suffix = 's'): string {
  return `@400000006b04a1a8${n.toString(16).padStart(8, '0')}.${suffix}`;
}

/** Every line of the timeline as the reference reads it (each file whole; small files only). */
export function referenceLines(dir: string): string[] {
  const lines: string[] = [];
  for (const name of timelineNames(readdirSync(dir))) {
    const text = readFileSync(join(dir, name), 'utf8');
    if (text === '') continue;
    const parts = text.split('\n');
    if (parts.at(-1) === '') parts.pop();
    lines.push(...parts);
  }
  return lines;
}

/** All lines from the top to the end, one line at a time with scroll(+1) from `top`. */
export function walkDown(view: LogView, rows: number): string[] {
  view.top(rows);
  const seen = [...view.lines()];
  for (let guard = 0; guard < 1e6 && !view.following; guard++) {
    const before = view.lines();
    view.scroll(1, rows);
    if (view.following) {
      // The tail: append the lines after the longest overlap with the last window.
      const tail = view.lines();
      let k = Math.min(before.length, tail.length);
      while (k > 0 && !before.slice(-k).every((line, i) => line === tail[i])) k--;
      seen.push(...tail.slice(k));
      break;
    }
    seen.push(view.lines().at(-1)!);
  }
  return seen;
}

/** All lines from the end back to the top, one line at a time with scroll(-1). */
export function walkUp(view: LogView, rows: number): string[] {
  view.tail(rows);
  const seen = [...view.lines()];
  for (let guard = 0; guard < 1e6; guard++) {
    const at = JSON.stringify(view.position());
    view.scroll(-1, rows);
    if (JSON.stringify(view.position()) === at) break;
    seen.unshift(view.lines()[0]!);
  }
  return seen;
}
