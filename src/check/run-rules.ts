// The rules of `svtui check` about what runs and who may change it: a `run` whose program is not
// exec'd, a world-writable run or service directory, a logger kept down by log/down, a log/run
// that needs `svtui` on a PATH that has none. Pure, like rules.ts, which calls them.
import { runsInProcess, svtuiCallLine } from './log-run.js';
import { unexecdLastCommand } from './run-exec.js';
import type { FileInfo, Finding } from './tree.js';

/** Linux's default pipe capacity: what a service writes before it blocks on a stopped logger. */
const PIPE_KB = 64;

/** `path`: a run script whose last command is a program that is not exec'd (a warning). */
export function unexecdRun(path: string, run: FileInfo): Finding[] {
  if (run.type !== 'file' || !run.executable || run.truncated) return [];
  const last = unexecdLastCommand(run.head);
  if (!last) return [];
  const shown = last.text.length > 60 ? `${last.text.slice(0, 57)}...` : last.text;
  return [
    {
      path,
      line: last.line,
      severity: 'warning',
      message: `"${shown}" is not exec'd: svc -d and -t signal the shell, which dies and leaves it running unsupervised; write "exec ${shown}"`,
    },
  ];
}

/** Permission bits as chmod writes them. */
const octal = (mode: number) => mode.toString(8).padStart(4, '0');

/** `path` is world-writable: `what` says what any user could then do. */
export function worldWritable(path: string, info: FileInfo | undefined, what: string): Finding[] {
  const mode = info && 'mode' in info ? info.mode : undefined;
  if (mode === undefined || (mode & 0o002) === 0) return [];
  return [{ path, message: `world-writable (mode ${octal(mode)}): ${what}; chmod o-w ${path}` }];
}

export const RUN_WRITABLE = "any user can change what runs as the supervisor's user";
export const SERVICE_WRITABLE =
  "any user can replace run and so change what runs as the supervisor's user";
export const TREE_WRITABLE = "any user can add a service, which runs as the supervisor's user";

/** A log/down file: the logger never starts by itself, and the service blocks once the pipe is full. */
export function logDown(path: string, down: FileInfo): Finding[] {
  if (down.type !== 'file') return [];
  return [
    {
      path,
      message: `the logger does not start: the service's output backs up in the pipe, and once ${PIPE_KB} KB wait every write of the service blocks`,
    },
  ];
}

/**
 * A log/run that runs `svtui multilog` through PATH when no `svtui` is on it. Under `svtui scan`
 * the exact `exec svtui multilog SCRIPT` form runs in-process and needs no PATH (a warning: it
 * fails only under svscan, runsvdir or s6); any other form is spawned by every supervisor alike
 * (a problem).
 */
export function svtuiNotOnPath(
  path: string,
  run: FileInfo,
  onPath: boolean | undefined,
): Finding[] {
  if (onPath !== false || run.type !== 'file') return [];
  const line = svtuiCallLine(run.head);
  if (line === undefined) return [];
  const fix = 'install svtui (npm install -g) or put its bin/ directory on that PATH';
  return runsInProcess(run.head)
    ? [
        {
          path,
          line,
          severity: 'warning',
          message: `svtui is not on PATH: svscan or runsvdir started with this PATH fails to start the logger ("svtui: not found"; svtui scan runs it in-process); ${fix}`,
        },
      ]
    : [
        {
          path,
          line,
          message: `svtui is not on PATH: a supervisor started with this PATH fails to start the logger ("svtui: not found"); ${fix}`,
        },
      ];
}
