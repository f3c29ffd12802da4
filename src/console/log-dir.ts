// Where a service's log lives: the directory argument of the multilog, svlogd or s6-log in
// `log/run` (relative to log/), else `log/main`. A small stand-in for src/logview's findLogDir.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function findLogDirectory(serviceDir: string): string | undefined {
  const logDir = join(serviceDir, 'log');
  let script: string;
  try {
    script = readFileSync(join(logDir, 'run'), 'utf8');
  } catch {
    return undefined;
  }
  const words = script
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join(' ')
    .split(/\s+/)
    .map((w) => w.replace(/^['"]|['"]$/g, ''));
  const tool = words.findIndex((w) => /(^|\/)(multilog|svlogd|s6-log)$/.test(w));
  if (tool >= 0) {
    const svlogd = /svlogd$/.test(words[tool] ?? '');
    const isDir = (w: string) =>
      svlogd ? w !== '' && !w.startsWith('-') : w.startsWith('.') || w.startsWith('/');
    const dirs = words.slice(tool + 1).filter(isDir);
    const last = dirs.at(-1);
    if (last) return resolve(logDir, last);
  }
  return join(logDir, 'main');
}
