// supervise/status (spec §2.3, §2.6): daemontools' 18 bytes, runit's 20 (a superset), and s6's
// 26, 35 or 43 (src/codec/s6-status.ts). Pure pack/unpack; a short or foreign file is a result,
// not an exception.
import { unpackS6Status, type S6Extras } from './s6-status.js';
import type { RunState, ServiceStatus, Want } from './service-status.js';
import { packTai64n, unpackTai64n } from './tai64n.js';

export type { RunState, ServiceStatus, Want } from './service-status.js';

export type StatusFormat = 'daemontools' | 'runit' | 's6';

export type DecodedStatus =
  | {
      ok: true;
      format: StatusFormat;
      status: ServiceStatus;
      /** s6's own fields (ready, wanted up, last exit, ...), when s6 wrote the file. */
      s6?: S6Extras;
    }
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

/**
 * Decode whatever length the file had: 18 (daemontools), 20 (runit), 26, 35 or 43 (s6, its stamps
 * brought to daemontools' convention).
 */
export function unpackStatus(bytes: Uint8Array): DecodedStatus {
  const s6 = unpackS6Status(bytes);
  if (s6) return { ok: true, format: 's6', status: s6.status, s6: s6.s6 };
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
