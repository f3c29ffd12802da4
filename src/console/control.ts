// Sending svc letters, as svc does (spec §3.1): open supervise/control write-only and
// non-blocking, write every letter in one write. Failures come back worded as svc words them;
// 'access denied' tells the console to go read-only. (Kept small and local until src/control's
// sendControl is in; same contract.)
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../codec/errors.js';

export type ControlResult = { ok: true } | { ok: false; reason: string };

export function sendControl(dir: string, letters: string): ControlResult {
  let fd: number;
  try {
    fd = openSync(join(dir, 'supervise/control'), constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENXIO' ? 'supervise not running' : describeError(error) };
  }
  try {
    writeSync(fd, letters);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `error writing commands: ${describeError(error)}` };
  } finally {
    closeSync(fd);
  }
}

/** Whether this process may write supervise/control at all (read-only mode otherwise). */
export function mayControl(dir: string): boolean {
  const result = sendControl(dir, '');
  return result.ok || result.reason !== 'access denied';
}
