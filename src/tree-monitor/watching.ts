// Whether a `svtui monitor` watches a tree now: it holds DIR/.svtui/monitor.lock (flock, for its
// whole life). `svtui scan` and the embedded console run the monitor files themselves, so they
// refuse such a tree — two engines would restart every failing service twice. The probe asks
// flock(1) for a shared lock, without waiting, on a read-only open of its own (never creating the
// file) and lets it go at once: held exclusively means a monitor is there.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The monitor's lock, in DIR/.svtui. */
export const LOCK_FILE = 'monitor.lock';

/** The watching monitor (its pid when the lock file names one), or undefined when none. */
export async function monitorWatching(dir: string): Promise<{ pid?: number } | undefined> {
  const path = join(dir, '.svtui', LOCK_FILE);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const status = await new Promise<number | null>((resolve) => {
      const child = spawn('flock', ['-sn', '3'], { stdio: ['ignore', 'ignore', 'ignore', fd] });
      child.once('error', () => resolve(null));
      child.once('exit', (code) => resolve(code));
    });
    if (status !== 1) return undefined;
    const pid = Number(readText(path).trim());
    return Number.isInteger(pid) && pid > 0 ? { pid } : {};
  } finally {
    closeSync(fd);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
