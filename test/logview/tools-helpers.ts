// Log directories for the log tool tests: labelled lines at known instants, split into rotated
// files named by the label of their last line (as multilog names them) and `current`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLabel } from '../../src/codec/tai64n.js';
import type { LogTimeline } from '../../src/source/port.js';

/** Unix seconds of the first line: 2026-11-30 10:00:00 UTC. */
export const T0 = Date.UTC(2026, 10, 30, 10, 0, 0) / 1000;

export const label = (seconds: number, nanoseconds = 0) =>
  formatLabel({ seconds: BigInt(seconds), nanoseconds });

/**
 * Write `lines` (raw text) into `dir` as rotated files of `perFile` lines and a `current`; a
 * rotated file is named by the label of the instant `nameAt(i)` of its last line.
 */
export function writeLog(
  dir: string,
  lines: readonly string[],
  perFile: number,
  nameAt: (lastIndex: number) => number,
): void {
  mkdirSync(dir, { recursive: true });
  let i = 0;
  while (lines.length - i > perFile) {
    const part = lines.slice(i, i + perFile);
    writeFileSync(
      join(dir, `${label(nameAt(i + perFile - 1))}.s`),
      part.map((l) => `${l}\n`).join(''),
    );
    i += perFile;
  }
  writeFileSync(
    join(dir, 'current'),
    lines
      .slice(i)
      .map((l) => `${l}\n`)
      .join(''),
  );
}

/** Resolves on the timeline's next change that satisfies `done`. */
export function until(timeline: LogTimeline, done: () => boolean, ms = 10_000): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('timed out waiting for the timeline'));
    }, ms);
    const off = timeline.onChange(() => {
      if (!done()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}
