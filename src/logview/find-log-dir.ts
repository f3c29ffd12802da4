// Where a service's log lives, for the console's log pane: the directory argument of the
// multilog, svlogd or s6-log run by `SERVICE/log/run` (resolved against `SERVICE/log/`), else
// `SERVICE/log/main`. Says how it was found, so the console can show it.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { logDirFromRunScript, type LogTool } from './run-script.js';

export interface FoundLogDir {
  /** Absolute path of the log directory (it may not exist yet). */
  path: string;
  /** `log/run`: from the script's logger argument; `default`: log/main; `none`: no log/ service. */
  how: 'log/run' | 'default' | 'none';
  /** The logger named in log/run, when found there. */
  tool?: LogTool;
  /** One line for the operator, e.g. "from log/run (multilog ./main)". */
  note: string;
}

export function findLogDir(serviceDir: string): FoundLogDir {
  const logService = resolve(serviceDir, 'log');
  const fallback = join(logService, 'main');
  if (!existsSync(logService)) {
    return { path: fallback, how: 'none', note: `no log service: ${logService} does not exist` };
  }
  let script: string;
  try {
    script = readFileSync(join(logService, 'run'), 'latin1');
  } catch {
    return { path: fallback, how: 'default', note: 'log/run unreadable: default log/main' };
  }
  const found = logDirFromRunScript(script);
  if (!found) {
    return { path: fallback, how: 'default', note: 'no logger directory in log/run: log/main' };
  }
  return {
    path: resolve(logService, found.dir),
    how: 'log/run',
    tool: found.tool,
    note: `from log/run (${found.tool} ${found.dir})`,
  };
}
