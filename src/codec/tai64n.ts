// TAI64N labels as daemontools writes them (spec §0.1): seconds = 2^62 + 10 + Unix seconds,
// no leap seconds; 12 bytes big-endian (8 seconds, 4 nanoseconds); text form `@` + 24 lowercase hex.

/** 2^62 + 10: the TAI64 label of Unix time 0, as daemontools counts it. */
export const TAI_UNIX_OFFSET = (1n << 62n) + 10n;

/** An instant: Unix seconds (may be negative or beyond 2^53, hence bigint) and nanoseconds. */
export interface Tai64nTime {
  seconds: bigint;
  nanoseconds: number;
}

/** An instant from milliseconds since the epoch, as Date.now() gives them. */
export function timeFromMillis(ms: number): Tai64nTime {
  const whole = Math.floor(ms / 1000);
  return { seconds: BigInt(whole), nanoseconds: Math.round((ms - whole * 1000) * 1e6) % 1e9 };
}

/** Pack an instant into the 12-byte TAI64N form. */
export function packTai64n(time: Tai64nTime): Buffer {
  const out = Buffer.alloc(12);
  out.writeBigUInt64BE(BigInt.asUintN(64, time.seconds + TAI_UNIX_OFFSET), 0);
  out.writeUInt32BE(time.nanoseconds >>> 0, 8);
  return out;
}

/** Unpack 12 bytes of TAI64N at `offset`. Nanoseconds are returned as stored (may exceed 999999999). */
export function unpackTai64n(bytes: Uint8Array, offset = 0): Tai64nTime {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 12);
  const label = view.getBigUint64(0, false);
  return { seconds: label - TAI_UNIX_OFFSET, nanoseconds: view.getUint32(8, false) };
}

/** The external form: `@` followed by 24 lowercase hex digits. */
export function formatLabel(time: Tai64nTime): string {
  return `@${packTai64n(time).toString('hex')}`;
}

/** Parse exactly `@` + 24 lowercase hex digits; undefined for anything else. */
export function parseLabel(text: string): Tai64nTime | undefined {
  if (!/^@[0-9a-f]{24}$/.test(text)) return undefined;
  return unpackTai64n(Buffer.from(text.slice(1), 'hex'));
}
