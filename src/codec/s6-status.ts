// s6-supervise's supervise/status, every length s6 has written (read from skarnet/s6's history of
// s6_svstatus_pack.c). Pure pack/unpack; a foreign length is a result, not an exception.
//
// | layout    | s6 versions    | bytes | content                                                    |
// | --------- | -------------- | ----- | ---------------------------------------------------------- |
// | (18)      | 2.0            | 18    | daemontools' layout (pid LE, byte 16 paused|finishing<<1): |
// |           |                |       | not told apart from daemontools, decoded as daemontools    |
// | `s6-2.1`  | 2.1            | 26    | the 18, then wstat as a little-endian uint64               |
// | `s6-2.2`  | 2.2 – 2.4      | 35    | stamp, ready stamp, pid BE64, wstat BE16, flags: paused 1, |
// |           |                |       | finishing 2, want 4 (0 = once), wantup 8, ready 16         |
// | `s6-2.5`  | 2.5 – 2.12, 2.14 | 35  | the same, flags: paused 1, finishing 2, wantup 4, ready 8  |
// | `s6-2.13` | 2.13           | 43    | stamp, ready stamp, pid BE64, pgid BE64, wstat BE16, flags |
//
// The two 35-byte layouts share their length: a flags byte with bit 16 set can only be 2.2's;
// any other is read as 2.5's (the layout of every s6 since 2017, Debian's 2.11 among them).
//
// s6 stamps are true TAI (skalibs counts leap seconds: 27 s ahead of daemontools' labels today).
// Every stamp is returned in daemontools' convention, as the rest of svtui counts time: Unix
// seconds, leap seconds removed.
import { builtinLeapRecords } from '../time/leap-table.js';
import { packTai64n, unpackTai64n, type Tai64nTime } from './tai64n.js';
import type { ServiceStatus, Want } from './service-status.js';

export type S6Layout = 's6-2.1' | 's6-2.2' | 's6-2.5' | 's6-2.13';

/** What s6 records beyond daemontools' status. */
export interface S6Extras {
  layout: S6Layout;
  /** s6-svstat's `ready`: up and the daemon notified readiness (or no notification-fd). */
  ready: boolean;
  /** The ready flag as stored: down and ready = ready to start (no ./finish running). */
  readyFlag: boolean;
  /** When it last became ready (or ready to start); absent before 2.2. */
  readySince?: Tai64nTime;
  /** s6's wanted-up flag (s6-svstat -w). */
  wantUp: boolean;
  /** ./finish runs: the pid is finish's, ./run is down (s6-svstat says down). */
  finishing: boolean;
  /** The last wait status of ./run, as waitpid(2) gave it. */
  wstat: number;
  /** Down (or finishing) and ./run exited: its code. */
  exitCode?: number;
  /** Down (or finishing) and ./run was killed: the signal number. */
  signal?: number;
  /** 2.13 only: the process group s6 signals. */
  pgid?: number;
  /** The raw flags byte. */
  flags: number;
}

export interface S6Status {
  status: ServiceStatus;
  s6: S6Extras;
}

/** The lengths s6 wrote that are not daemontools' or runit's. */
export const S6_STATUS_LENGTHS: readonly number[] = [26, 35, 43];

// --- true TAI ↔ daemontools' convention -------------------------------------------------------

let leaps: { tai: bigint[]; unix: bigint[] } | undefined;
function leapTable(): { tai: bigint[]; unix: bigint[] } {
  // transition: the inserted second in the leap-counting scale; correction − 1 before it.
  leaps ??= {
    tai: builtinLeapRecords().map((r) => BigInt(r.transition)),
    unix: builtinLeapRecords().map((r) => BigInt(r.transition - (r.correction - 1))),
  };
  return leaps;
}

function countUpTo(table: bigint[], value: bigint): bigint {
  let n = 0n;
  for (const t of table) if (t <= value) n++;
  return n;
}

/** A true-TAI stamp as unpackTai64n read it (seconds = label − 2^62 − 10) → daemontools' time. */
export function fromTrueTai(time: Tai64nTime): Tai64nTime {
  return { ...time, seconds: time.seconds - countUpTo(leapTable().tai, time.seconds) };
}

/** daemontools' time → the stamp s6 would write for the same instant. */
export function toTrueTai(time: Tai64nTime): Tai64nTime {
  return { ...time, seconds: time.seconds + countUpTo(leapTable().unix, time.seconds) };
}

// --- unpack -----------------------------------------------------------------------------------

/** Decode an s6 status file; undefined for a length s6 never wrote (see S6_STATUS_LENGTHS). */
export function unpackS6Status(bytes: Uint8Array): S6Status | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const stamp = () => fromTrueTai(unpackTai64n(bytes, 0));
  const ready = () => fromTrueTai(unpackTai64n(bytes, 12));
  if (bytes.length === 26) {
    const flags = bytes[16] ?? 0;
    const want = bytes[17] === 0x75 ? 'up' : bytes[17] === 0x64 ? 'down' : 'once';
    const wstat = Number(view.getBigUint64(18, true) & 0xffffn);
    return build('s6-2.1', stamp(), undefined, view.getUint32(12, true), wstat, flags, {
      paused: (flags & 1) !== 0,
      finishing: (flags & 2) !== 0,
      want,
      readyFlag: false,
    });
  }
  if (bytes.length === 35 || bytes.length === 43) {
    const long = bytes.length === 43;
    const flags = bytes[long ? 42 : 34] ?? 0;
    const pid = Number(view.getBigUint64(24, false));
    const wstat = view.getUint16(long ? 40 : 32, false);
    const old = !long && (flags & 0x10) !== 0;
    const wantUp = (flags & (old ? 8 : 4)) !== 0;
    const want: Want = wantUp ? 'up' : old && (flags & 4) === 0 ? 'once' : 'down';
    const decoded = build(
      old ? 's6-2.2' : long ? 's6-2.13' : 's6-2.5',
      stamp(),
      ready(),
      pid,
      wstat,
      flags,
      {
        paused: (flags & 1) !== 0,
        finishing: (flags & 2) !== 0,
        want,
        readyFlag: (flags & (old ? 16 : 8)) !== 0,
      },
    );
    if (long) decoded.s6.pgid = Number(view.getBigUint64(32, false));
    return decoded;
  }
  return undefined;
}

function build(
  layout: S6Layout,
  since: Tai64nTime,
  readySince: Tai64nTime | undefined,
  pid: number,
  wstat: number,
  flags: number,
  f: { paused: boolean; finishing: boolean; want: Want; readyFlag: boolean },
): S6Status {
  const runDown = pid === 0 || f.finishing;
  const s6: S6Extras = {
    layout,
    ready: pid !== 0 && f.readyFlag,
    readyFlag: f.readyFlag,
    wantUp: f.want === 'up',
    finishing: f.finishing,
    wstat,
    flags,
  };
  if (readySince) s6.readySince = readySince;
  if (runDown) {
    const signal = wstat & 0x7f;
    if (signal === 0) s6.exitCode = (wstat >> 8) & 0xff;
    else if (signal !== 0x7f) s6.signal = signal;
  }
  return {
    status: {
      since,
      pid,
      paused: f.paused,
      want: f.want,
      gotTerm: false,
      state: pid === 0 ? 'down' : f.finishing ? 'finish' : 'run',
    },
    s6,
  };
}

// --- pack -------------------------------------------------------------------------------------

/**
 * The bytes s6 of `layout` would write for this state (default: 2.5's 35 bytes, what Debian's
 * s6 writes). Stamps go back to true TAI. For tests and fixtures: svtui writes runit's layout.
 */
export function packS6Status(value: S6Status, layout: S6Layout = value.s6.layout): Buffer {
  const { status, s6 } = value;
  const stamp = packTai64n(toTrueTai(status.since));
  const paused = status.paused ? 1 : 0;
  const finishing = s6.finishing ? 2 : 0;
  if (layout === 's6-2.1') {
    const out = Buffer.alloc(26);
    stamp.copy(out, 0);
    out.writeUInt32LE(status.pid >>> 0, 12);
    out[16] = paused | finishing;
    out[17] = status.want === 'up' ? 0x75 : status.want === 'down' ? 0x64 : 0;
    out.writeBigUInt64LE(BigInt(s6.wstat), 18);
    return out;
  }
  const long = layout === 's6-2.13';
  const out = Buffer.alloc(long ? 43 : 35);
  stamp.copy(out, 0);
  packTai64n(toTrueTai(s6.readySince ?? status.since)).copy(out, 12);
  out.writeBigUInt64BE(BigInt(status.pid), 24);
  if (long) out.writeBigUInt64BE(BigInt(s6.pgid ?? 0), 32);
  out.writeUInt16BE(s6.wstat & 0xffff, long ? 40 : 32);
  const wantUp = status.want === 'up';
  out[long ? 42 : 34] =
    layout === 's6-2.2'
      ? paused |
        finishing |
        (status.want !== 'once' ? 4 : 0) |
        (wantUp ? 8 : 0) |
        (s6.readyFlag ? 16 : 0)
      : paused | finishing | (wantUp ? 4 : 0) | (s6.readyFlag ? 8 : 0);
  return out;
}
