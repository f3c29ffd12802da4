// The adapter behind svstat: gathers one directory's observation in svstat's order (spec §3.2):
// chdir, stat down, open supervise/ok, open and read supervise/status (18 bytes, one read).
import { statSync } from 'node:fs';
import { errorCode, errorText } from '../codec/errors.js';
import { unpackStatus } from '../codec/status.js';
import { okFailure, openOkError } from './probe.js';
import { chdirError, inService } from './service-dir.js';
import { readStatusBytes } from './status-file.js';
import type { SvstatObservation } from './svstat-line.js';

/** daemontools' svstat reads 18 bytes: runit's 20-byte file is read as its daemontools prefix. */
const SVSTAT_READ = 18;

/**
 * One difference on purpose: when read(2) of supervise/status fails (it is a directory, say),
 * daemontools' svstat compares -1 with an unsigned size, falls through and formats its stale
 * buffer ("down 4611686… seconds"); svtui prints `unable to read supervise/status: ERR`, which is
 * what svstat's source means to print (test/control/fake-dirs.test.ts pins both).
 */
export function observeForSvstat(dir: string): SvstatObservation {
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
  if (ok !== undefined) return { ok: false, reason: okFailure(ok) };
  const read = readStatusBytes(dir, SVSTAT_READ);
  if (!read.ok) return read;
  const decoded = unpackStatus(read.bytes);
  if (!decoded.ok) return { ok: false, reason: 'unable to read supervise/status: bad format' };
  return { ok: true, normallyDown, status: decoded.status };
}
