// Reads a service directory's runit and s6 files before each start (as s6-supervise reads them
// afresh): one readdir, then only the one-value files that are there. What they mean is decided
// in src/codec/service-files.ts, which `svtui check` uses too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  SETTING_FILES,
  settingsOf,
  type RunSettings,
  type SettingFile,
  type SettingProblem,
} from '../codec/service-files.js';

/** A value file longer than this is not a value. */
const MAX_VALUE_BYTES = 256;

export interface DirSettings {
  settings: RunSettings;
  problems: SettingProblem[];
}

/** `s6Tree`: the tree is an s6-svscan tree (it has `.s6-svscan/`). */
export function readSettings(dir: string, s6Tree: boolean): DirSettings {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    names = [];
  }
  const present = new Set(names);
  const texts: Partial<Record<SettingFile, string>> = {};
  for (const file of SETTING_FILES) {
    if (!present.has(file)) continue;
    try {
      texts[file] = readFileSync(join(dir, file)).subarray(0, MAX_VALUE_BYTES).toString('latin1');
    } catch {
      /* unreadable: as if absent */
    }
  }
  return settingsOf(present, texts, s6Tree);
}

/** Whether DIR/finish is there (looked for at each death, as runsv and s6-supervise do). */
export function hasFinish(dir: string): boolean {
  return exists(join(dir, 'finish'));
}

/** Whether the tree looks like s6-svscan's: it has a `.s6-svscan` directory. */
export function isS6Tree(treeDir: string): boolean {
  return exists(join(treeDir, '.s6-svscan'), true);
}

function exists(path: string, directory = false): boolean {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st !== undefined && (!directory || st.isDirectory());
  } catch {
    return false;
  }
}
