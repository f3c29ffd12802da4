// Writing svc letters to supervise/control (spec §3.1): open write-only and non-blocking (no
// reader → ENXIO at once, never a hang), then every letter in one write. daemontools switches
// the fd back to blocking first; Node cannot, but a FIFO write of a few bytes is atomic and
// does not block while a reader holds the FIFO.
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { errorCode, errorText } from '../codec/errors.js';
import { chdirError, inService } from './service-dir.js';

export type ControlStage = 'chdir' | 'open' | 'write';

export type ControlResult =
  | { ok: true }
  | {
      ok: false;
      /** svc's words: `supervise not running`, `access denied`, `file does not exist`, ... */
      reason: string;
      /** Which step failed: svc words its warning after it. */
      stage: ControlStage;
      /** The errno code, e.g. `EACCES` (the console goes read-only on it). */
      code: string;
    };

export function sendControl(serviceDir: string, letters: string): ControlResult {
  const chdir = chdirError(serviceDir);
  if (chdir !== undefined) return failed('chdir', chdir);
  let fd: number;
  try {
    fd = openSync(
      inService(serviceDir, 'supervise/control'),
      constants.O_WRONLY | constants.O_NONBLOCK,
    );
  } catch (error) {
    const code = errorCode(error) ?? 'EIO';
    return code === 'ENXIO'
      ? { ok: false, reason: 'supervise not running', stage: 'open', code }
      : failed('open', code);
  }
  try {
    writeSync(fd, Buffer.from(letters, 'latin1'));
    return { ok: true };
  } catch (error) {
    return failed('write', errorCode(error) ?? 'EIO');
  } finally {
    closeSync(fd);
  }
}

/** svc's warning for a failed send to DIR, without the `svc: warning: ` prefix. */
export function controlWarning(dir: string, result: Exclude<ControlResult, { ok: true }>): string {
  if (result.stage === 'chdir') return `unable to chdir to ${dir}: ${result.reason}`;
  if (result.stage === 'open') return `unable to control ${dir}: ${result.reason}`;
  return `error writing commands to ${dir}: ${result.reason}`;
}

function failed(stage: ControlStage, code: string): ControlResult {
  return { ok: false, reason: errorText(code), stage, code };
}
