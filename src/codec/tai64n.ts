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

/** The length of the external form: `@` and 24 hex digits. */
export const LABEL_TEXT_LENGTH = 25;
const HEX = Buffer.from('0123456789abcdef');

/**
 * Write the external form of `time` (`@` + 24 lowercase hex digits) into `target` at `offset`:
 * the one label writer, behind formatLabel, rotated file names, multilog's `t` and tai64n. It
 * writes bytes straight into the caller's buffer (no string, no allocation), so the stampers
 * call it once per chunk read.
 */
export function writeLabel(target: Uint8Array, offset: number, time: Tai64nTime): void {
  const label = BigInt.asUintN(64, time.seconds + TAI_UNIX_OFFSET);
  target[offset] = 64; // @
  writeHex8(target, offset + 1, Number(label >> 32n));
  writeHex8(target, offset + 9, Number(label & 0xffffffffn));
  writeHex8(target, offset + 17, time.nanoseconds >>> 0);
}

/** Eight hex digits of a 32-bit unsigned value. */
function writeHex8(target: Uint8Array, at: number, value: number): void {
  for (let i = at + 7; i >= at; i--) {
    target[i] = HEX[value & 15]!;
    value >>>= 4;
  }
}

/** The external form: `@` followed by 24 lowercase hex digits. */
export function formatLabel(time: Tai64nTime): string {
  const text = Buffer.allocUnsafe(LABEL_TEXT_LENGTH);
  writeLabel(text, 0, time);
  return text.toString('latin1');
}

/** Parse exactly `@` + 24 lowercase hex digits; undefined for anything else. */
export function parseLabel(text: string): Tai64nTime | undefined {
  if (!/^@[0-9a-f]{24}$/.test(text)) return undefined;
  return unpackTai64n(Buffer.from(text.slice(1), 'hex'));
}
