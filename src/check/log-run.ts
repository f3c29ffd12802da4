// The multilog script `svtui check` lints: only from a simple log/run, read by the one log/run
// reader (src/log/run-script.ts): after an optional `#!` line, comments, blank lines and pure
// redirections (`exec 2>&1`), exactly one `exec ... multilog SCRIPT...` line in plain words and
// quotes, the logger after any wrapper (setuidgid USER, s6-setuidgid USER, svtui...). Anything
// else is not linted: what the shell would make of it is not known before it runs.
import { readLogRun } from '../log/run-script.js';

/** The multilog script words, or undefined when the file is not such a simple script. */
export function multilogScript(text: string): string[] | undefined {
  const run = readLogRun(text);
  return run.plain?.[0] === 'exec' && run.tool === 'multilog' ? run.args : undefined;
}
