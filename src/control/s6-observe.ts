// svstat's observation of a directory s6-supervise runs (it has no supervise/ok): running is
// what s6-svstat checks — a record lock on supervise/lock — and the status is s6's own file,
// read whole (26, 35 or 43 bytes) and brought to daemontools' terms by the codec. The line is
// then daemontools' (src/control/svstat-line.ts); s6's extras (ready, last exit) are not shown.
import { unpackStatus } from '../codec/status.js';
import { readStatusBytes } from './status-file.js';
import { probeSupervisorKind } from './supervisor-kind.js';
import type { SvstatObservation } from './svstat-line.js';

/** Enough for every status length any supervisor wrote (43 is the longest). */
const READ_ALL = 64;

/**
 * The observation for an s6 service directory, or undefined when `dir` is not laid out as s6's
 * (svstat then reports the missing supervise/ok as daemontools' does).
 */
export function observeS6(dir: string, normallyDown: boolean): SvstatObservation | undefined {
  const probe = probeSupervisorKind(dir);
  if (probe.layout !== 's6') return undefined;
  if (!probe.running) return { ok: false, reason: probe.reason ?? 'supervise not running' };
  const read = readStatusBytes(dir, READ_ALL);
  if (!read.ok) return { ok: false, reason: read.reason };
  const decoded = unpackStatus(read.bytes);
  if (!decoded.ok) return { ok: false, reason: 'unable to read supervise/status: bad format' };
  return { ok: true, normallyDown, status: decoded.status };
}
