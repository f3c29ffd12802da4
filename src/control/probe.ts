// "Is it supervised": supervise/ok opens for writing (O_WRONLY|O_NONBLOCK, never blocks) only
// while a supervisor holds its read end; ENXIO means none does (spec §3.2 step 4, §3.3).
import { closeSync, constants, openSync } from 'node:fs';
import { errorCode, errorText } from '../codec/errors.js';
import { chdirError, inService } from './service-dir.js';

/**
 * `code` is the errno code when the check itself failed: `ENXIO` (no supervisor), `EACCES` (a
 * supervisor may be running, but this user may not look: the console shows it as unknown).
 */
export type ProbeResult = { running: true } | { running: false; reason: string; code: string };

/** The errno code opening `DIR/supervise/ok` for writing fails with, or undefined on success. */
export function openOkError(dir: string): string | undefined {
  try {
    closeSync(openSync(inService(dir, 'supervise/ok'), constants.O_WRONLY | constants.O_NONBLOCK));
    return undefined;
  } catch (error) {
    return errorCode(error) ?? 'EIO';
  }
}

/** The reason svstat would give for a failed open of supervise/ok. */
export function okFailure(code: string): string {
  return code === 'ENXIO'
    ? 'supervise not running'
    : `unable to open supervise/ok: ${errorText(code)}`;
}

/**
 * Whether a supervisor (svtui scan, supervise, runsv) runs on `serviceDir`. Reasons are worded as
 * svstat words them: `supervise not running`, `unable to open supervise/ok: file does not exist`,
 * `unable to chdir: not a directory`.
 */
export function probeSupervisor(serviceDir: string): ProbeResult {
  const chdir = chdirError(serviceDir);
  if (chdir !== undefined) {
    return { running: false, reason: `unable to chdir: ${errorText(chdir)}`, code: chdir };
  }
  const code = openOkError(serviceDir);
  return code === undefined ? { running: true } : { running: false, reason: okFailure(code), code };
}
