// Reading supervise/status: a thin adapter over the pure codec (src/codec/status.ts).
import { closeSync, openSync, readSync } from 'node:fs';
import { errorCode, errorText } from '../codec/errors.js';
import { unpackStatus, type DecodedStatus } from '../codec/status.js';
import { inService } from './service-dir.js';

export type StatusRead =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      stage: 'open' | 'read';
      reason: string;
      /** errno code, e.g. ENOENT */ code: string;
    };

/**
 * Up to `max` bytes of `DIR/supervise/status`, read with a single read(2) as svstat does.
 * Reasons: `unable to open supervise/status: ERR`, `unable to read supervise/status: ERR`.
 */
export function readStatusBytes(dir: string, max: number): StatusRead {
  let fd: number;
  try {
    fd = openSync(inService(dir, 'supervise/status'), 'r');
  } catch (error) {
    const code = errorCode(error) ?? 'unknown';
    return {
      ok: false,
      stage: 'open',
      reason: `unable to open supervise/status: ${errorText(code)}`,
      code,
    };
  }
  try {
    const buffer = Buffer.alloc(max);
    const n = readSync(fd, buffer, 0, max, null);
    return { ok: true, bytes: buffer.subarray(0, n) };
  } catch (error) {
    const code = errorCode(error) ?? 'unknown';
    return {
      ok: false,
      stage: 'read',
      reason: `unable to read supervise/status: ${errorText(code)}`,
      code,
    };
  } finally {
    closeSync(fd);
  }
}

/** Why supervise/status gave no status: svstat's words, and a code to decide on (an errno such
 * as `ENOENT`, or `bad-format` for a file shorter than any layout, `length` bytes). */
export interface StatusFileFailure {
  ok: false;
  reason: string;
  code: string;
  length?: number;
}

/**
 * The decoded status of `serviceDir` in whichever layout the supervisor wrote (18, 20 or 35
 * bytes). A short file is `{ ok: false, reason: 'bad format', code: 'bad-format' }`.
 */
export function readStatusFile(
  serviceDir: string,
): Extract<DecodedStatus, { ok: true }> | StatusFileFailure {
  const read = readStatusBytes(serviceDir, 64);
  if (!read.ok) return { ok: false, reason: read.reason, code: read.code };
  const decoded = unpackStatus(read.bytes);
  return decoded.ok ? decoded : { ...decoded, code: 'bad-format' };
}
