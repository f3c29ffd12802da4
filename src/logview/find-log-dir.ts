// Where a service's log lives, for the console's log pane: the directories the multilog, svlogd
// or s6-log run by `SERVICE/log/run` writes to, as the one log/run reader (src/log/run-script.ts)
// reads them (after a `cd` and simple variables), resolved against `SERVICE/log/`; else
// `SERVICE/log/main`. A file `log/svtui-logdir` naming the directory (relative to log/) overrides
// the guess, for scripts no reader can follow. Says how it was found, with a `code` to decide on
// and a note to show.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readLogRun, type LogTool, type UnknownReason } from '../log/run-script.js';

/**
 * `found`: from log/run; `no-log-service`: no log/ directory; `run-unreadable`: log/run cannot
 * be read; `no-logger`: it runs no multilog, svlogd or s6-log; `no-directory`: the logger names
 * no directory; `unknown-directory`: it names some, none knowable without running it (`unknown`).
 */
export type FindLogDirCode =
  | 'found'
  | 'named'
  | 'no-log-service'
  | 'run-unreadable'
  | 'no-logger'
  | 'no-directory'
  | 'unknown-directory';

export interface FoundLogDir {
  /** Absolute path of the log directory (it may not exist yet): the first of `dirs`, or log/main. */
  path: string;
  /**
   * `log/run`: from the script's logger argument; `named`: from log/svtui-logdir; `default`:
   * log/main; `none`: no log/ service.
   */
  how: 'log/run' | 'named' | 'default' | 'none';
  code: FindLogDirCode;
  /** The logger named in log/run, when found there. */
  tool?: LogTool;
  /** Every directory the logger writes to that can be known, absolute, in script order. */
  dirs: string[];
  /** Why a directory the logger names cannot be known (the first such), if one cannot. */
  unknown?: UnknownReason;
  /** One line for the operator, e.g. "from log/run (multilog ./main)". */
  note: string;
}

export function findLogDir(serviceDir: string): FoundLogDir {
  const logService = resolve(serviceDir, 'log');
  const fallback = join(logService, 'main');
  const missing = (code: FindLogDirCode, note: string): FoundLogDir => ({
    path: fallback,
    how: code === 'no-log-service' ? 'none' : 'default',
    code,
    dirs: [],
    note,
  });
  if (!existsSync(logService)) {
    return missing('no-log-service', `no log service: ${logService} does not exist`);
  }
  const named = namedDir(logService);
  if (named) {
    return {
      path: named,
      how: 'named',
      code: 'named',
      dirs: [named],
      note: `named in log/${NAMED_FILE}`,
    };
  }
  let script: string;
  try {
    script = readFileSync(join(logService, 'run'), 'latin1');
  } catch {
    return missing('run-unreadable', 'log/run unreadable: default log/main');
  }
  const run = readLogRun(script);
  const known = run.dirs.filter((d) => d.path !== undefined);
  const unknown = run.dirs.find((d) => d.unknown)?.unknown;
  const first = known[0];
  if (!run.tool || !first) {
    const code = !run.tool ? 'no-logger' : unknown ? 'unknown-directory' : 'no-directory';
    const why = unknown ? `${unknown.detail} cannot be known before it runs` : '';
    return {
      ...missing(code, `no logger directory in log/run${why ? ` (${why})` : ''}: log/main`),
      ...(run.tool ? { tool: run.tool } : {}),
      ...(unknown ? { unknown } : {}),
    };
  }
  return {
    path: resolve(logService, first.path!),
    how: 'log/run',
    code: 'found',
    tool: run.tool,
    dirs: known.map((d) => resolve(logService, d.path!)),
    ...(unknown ? { unknown } : {}),
    note: `from log/run (${run.tool} ${first.path!})`,
  };
}

/** The file an operator writes when svtui cannot read the directory from log/run. */
export const NAMED_FILE = 'svtui-logdir';

function namedDir(logService: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(logService, NAMED_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  return line ? resolve(logService, line) : undefined;
}
