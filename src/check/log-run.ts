// The multilog script `svtui check` lints: only from a simple log/run, read by the one log/run
// reader (src/log/run-script.ts): after an optional `#!` line, comments, blank lines and pure
// redirections (`exec 2>&1`), exactly one `exec ... multilog SCRIPT...` line in plain words and
// quotes, the logger after any wrapper (setuidgid USER, s6-setuidgid USER, svtui...). Anything
// else is not linted: what the shell would make of it is not known before it runs.
import { parseLogRun, readLogRun } from '../log/run-script.js';

/** Whether `svtui scan` runs this log/run inside its own process (no PATH needed). */
export function runsInProcess(text: string): boolean {
  return parseLogRun(text) !== undefined;
}

/** The multilog script words, or undefined when the file is not such a simple script. */
export function multilogScript(text: string): string[] | undefined {
  const run = readLogRun(text);
  return run.plain?.[0] === 'exec' && run.tool === 'multilog' ? run.args : undefined;
}

/**
 * The line (from 1) where the file runs one of svtui's log tools through PATH — a bare
 * `svtui multilog`, `svtui tai64n` or `svtui tai64nlocal`, after exec or a wrapper — else
 * undefined. A path such as /usr/local/bin/svtui needs no PATH; comment lines are skipped.
 */
export function svtuiCallLine(text: string): number | undefined {
  const index = text
    .split('\n')
    .findIndex(
      (line) =>
        !/^\s*#/.test(line) && /(?:^|[\s;&|(])svtui\s+(?:multilog|tai64n|tai64nlocal)\b/.test(line),
    );
  return index < 0 ? undefined : index + 1;
}
