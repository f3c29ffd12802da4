// supervise/status (spec §2.3, §2.6): daemontools' 18 bytes, runit's 20 (a superset), s6's 35.
// Pure pack/unpack; a short or foreign file is a result, not an exception.
import { packTai64n, unpackTai64n, type Tai64nTime } from './tai64n.js';

/** byte 17: what the supervisor wants. `once` is daemontools' 0 byte (runit stores 'd'). */
export type Want = 'up' | 'down' | 'once';
/** byte 19 (runit): 0 down, 1 run, 2 finish. */
export type RunState = 'down' | 'run' | 'finish';

export interface ServiceStatus {
  /** The last pid change (start or death). */
  since: Tai64nTime;
  /** 0 when down. */
  pid: number;
  paused: boolean;
  want: Want;
  /** runit: TERM was sent and the process has not died yet. */
  gotTerm: boolean;
  state: RunState;
}

export type StatusFormat = 'daemontools' | 'runit' | 's6';

export type DecodedStatus =
  | { ok: true; format: StatusFormat; status: ServiceStatus }
  | { ok: false; reason: 'bad format'; length: number };

const wantByte: Record<Want, number> = { up: 0x75, down: 0x64, once: 0 };

/** The 20-byte runit layout; its first 18 bytes are daemontools' layout. */
export function packStatus(status: ServiceStatus): Buffer {
  const out = Buffer.alloc(20);
  packTai64n(status.since).copy(out, 0);
  out.writeUInt32LE(status.pid >>> 0, 12);
  out[16] = status.paused && status.pid !== 0 ? 1 : 0;
  out[17] = wantByte[status.want];
  out[18] = status.gotTerm ? 1 : 0;
  out[19] = status.state === 'run' ? 1 : status.state === 'finish' ? 2 : 0;
  return out;
}

/** Decode whatever length the file had: 18 (daemontools), 20 (runit), 35 (s6). */
export function unpackStatus(bytes: Uint8Array): DecodedStatus {
  if (bytes.length === 35) return { ok: true, format: 's6', status: unpackS6(bytes) };
  if (bytes.length < 18) return { ok: false, reason: 'bad format', length: bytes.length };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const pid = view.getUint32(12, true);
  const want = bytes[17] === 0x75 ? 'up' : bytes[17] === 0x64 ? 'down' : 'once';
  const runit = bytes.length >= 20;
  const state: RunState = runit
    ? bytes[19] === 1
      ? 'run'
      : bytes[19] === 2
        ? 'finish'
        : 'down'
    : pid !== 0
      ? 'run'
      : 'down';
  return {
    ok: true,
    format: runit ? 'runit' : 'daemontools',
    status: {
      since: unpackTai64n(bytes, 0),
      pid,
      paused: bytes[16] !== 0,
      want,
      gotTerm: runit && bytes[18] === 1,
      state,
    },
  };
}

/** s6's 35 bytes, all big-endian; its stamp is true TAI, so leap seconds are not removed here. */
function unpackS6(bytes: Uint8Array): ServiceStatus {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const pid = Number(view.getBigUint64(24, false));
  const flags = bytes[34] ?? 0;
  return {
    since: unpackTai64n(bytes, 0),
    pid,
    paused: (flags & 1) !== 0,
    want: (flags & 4) !== 0 ? 'up' : 'down',
    gotTerm: false,
    state: pid === 0 ? 'down' : (flags & 2) !== 0 ? 'finish' : 'run',
  };
}
