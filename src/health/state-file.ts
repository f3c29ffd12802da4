// The engine's state of one service, kept in supervise/svtui-monitor.json so a scanner that
// restarts goes on where it was: which rules have failed, their windows, the cycle count, and each
// check's last probe (`svtui status` shows it). Written as s6 and daemontools write status (a
// `.new` file, then rename), read back as a result: a missing, torn or foreign file is "nothing
// saved", never an exception. Version 1 only gains optional keys: a file written before `probes`
// existed loads without them; a `probes` that is not a list is left out.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Saved } from './engine.js';

export const STATE_FILE = 'svtui-monitor.json';

export async function saveState(superviseDir: string, saved: Saved): Promise<void> {
  const path = join(superviseDir, STATE_FILE);
  await writeFile(`${path}.new`, `${JSON.stringify(saved)}\n`);
  await rename(`${path}.new`, path);
}

export async function loadState(superviseDir: string): Promise<Saved | undefined> {
  const text = await readFile(join(superviseDir, STATE_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Saved>;
    if (value.version !== 1 || !Array.isArray(value.rules) || !Array.isArray(value.states)) {
      return undefined;
    }
    if (value.probes !== undefined && !Array.isArray(value.probes)) delete value.probes;
    return value as Saved;
  } catch {
    return undefined;
  }
}
