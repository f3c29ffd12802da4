// Helpers for the logger's tests: a directory listing with labels normalised, so svtui's and
// multilog's results compare directly.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Entry {
  name: string;
  mode: string;
  size: number;
}

/** `@<24 hex>.s` becomes `@TS.s`; entries sorted by their real names (oldest first). */
export function listing(dir: string): Entry[] {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const st = statSync(join(dir, name));
      return {
        name: name.replace(/^@[0-9a-f]{24}\./, '@TS.'),
        mode: (st.mode & 0o777).toString(8),
        size: st.size,
      };
    });
}

/** Every log byte of a directory in order: the rotated files oldest first, then current. */
export function allLogged(dir: string): string {
  if (!existsSync(join(dir, 'current'))) return '';
  const names = readdirSync(dir)
    .filter((n) => n.startsWith('@'))
    .sort();
  return [...names, 'current'].map((n) => readFileSync(join(dir, n), 'latin1')).join('');
}

/** `count` lines of `width` bytes (newline included), numbered so loss or reordering shows. */
export function numberedLines(count: number, width = 100): string {
  let out = '';
  for (let i = 0; i < count; i++)
    out += `${String(i).padStart(6, '0')} `.padEnd(width - 1, 'x') + '\n';
  return out;
}
