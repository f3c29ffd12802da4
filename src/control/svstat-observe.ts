// The adapter behind svstat: gathers one directory's observation in svstat's order (spec §3.2):
// chdir, stat down, open supervise/ok, open and read supervise/status (18 bytes, one read).
// s6-supervise makes no supervise/ok: where it is missing and the directory is s6's, it is
// asked as s6-svstat asks (src/control/s6-observe.ts).
import { statSync } from 'node:fs';
import { errorCode, errorText } from '../codec/errors.js';
import { unpackStatus } from '../codec/status.js';
import { okFailure, openOkError } from './probe.js';
import { observeS6 } from './s6-observe.js';
import { chdirError, inService } from './service-dir.js';
import { readStatusBytes } from './status-file.js';
import type { SvstatObservation } from './svstat-line.js';

/** daemontools' svstat reads 18 bytes: runit's 20-byte file is read as its daemontools prefix. */
const SVSTAT_READ = 18;

/**
 * What svstat keeps between directories: its one static 18-byte status buffer. Each read copies
 * what it got into it; when read(2) fails (supervise/status is a directory, say), daemontools
 * compares -1 with an unsigned size, falls through and formats this buffer as it stands: zeros
 * at first ("down 4611686… seconds"), else the bytes of the directories before.
 */
export function svstatBuffer(): Buffer {
  return Buffer.alloc(SVSTAT_READ);
}

export function observeForSvstat(dir: string, buffer = svstatBuffer()): SvstatObservation {
  const chdir = chdirError(dir);
  if (chdir !== undefined) return { ok: false, reason: `unable to chdir: ${errorText(chdir)}` };
  let normallyDown = true;
  try {
    statSync(inService(dir, 'down'));
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT') return { ok: false, reason: `unable to stat down: ${errorText(code)}` };
    normallyDown = false;
  }
  const ok = openOkError(dir);
  if (ok !== undefined)
    return (
      (ok === 'ENOENT' && observeS6(dir, normallyDown)) || { ok: false, reason: okFailure(ok) }
    );
  const read = readStatusBytes(dir, SVSTAT_READ);
  if (!read.ok && read.stage === 'open') return read;
  if (read.ok) {
    read.bytes.copy(buffer);
    if (read.bytes.length < SVSTAT_READ)
      return { ok: false, reason: 'unable to read supervise/status: bad format' };
  }
  const decoded = unpackStatus(buffer);
  if (!decoded.ok) return { ok: false, reason: 'unable to read supervise/status: bad format' };
  return { ok: true, normallyDown, status: decoded.status };
}
