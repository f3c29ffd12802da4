// Which directory a log/run script writes to, for the log pane: the first directory the one
// log/run reader (src/log/run-script.ts) can name, as written or after a `cd` and variables.
import { readLogRun, type LogTool } from '../log/run-script.js';

export type { LogTool } from '../log/run-script.js';

export interface RunScriptLogDir {
  tool: LogTool;
  /** The directory: absolute, or relative to the log service's directory. */
  dir: string;
}

/** The logger tool and its first known directory, or undefined when the script names none. */
export function logDirFromRunScript(script: string): RunScriptLogDir | undefined {
  const run = readLogRun(script);
  const dir = run.dirs.find((d) => d.path !== undefined)?.path;
  return run.tool && dir !== undefined ? { tool: run.tool, dir } : undefined;
}
