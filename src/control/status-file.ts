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

/**
 * The decoded status of `serviceDir` in whichever layout the supervisor wrote (18, 20 or 35
 * bytes). A short file is `{ ok: false, reason: 'bad format' }`.
 */
export function readStatusFile(serviceDir: string): DecodedStatus | { ok: false; reason: string } {
  const read = readStatusBytes(serviceDir, 64);
  return read.ok ? unpackStatus(read.bytes) : { ok: false, reason: read.reason };
}
